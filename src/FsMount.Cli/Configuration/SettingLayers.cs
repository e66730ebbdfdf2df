using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace FsMount.Cli.Configuration;

/// <summary>Reads the three sources of settings, lowest precedence first: the config file, the environment, the command line.</summary>
internal static class SettingLayers
{
    /// <summary>
    /// The config file: <paramref name="explicitPath"/> (<c>--config</c>), which must exist, else the
    /// default one, which may be missing. Null when there is none.
    /// </summary>
    public static SettingLayer? FromConfigFile(string? explicitPath)
    {
        var path = Path.GetFullPath(ConfigFolder.ExpandHome(explicitPath ?? ConfigFolder.DefaultConfigFile));
        if (!File.Exists(path))
        {
            return explicitPath is null
                ? null
                : throw new StartupException(ExitCodes.Usage, $"the config file {path} does not exist; give an existing file to --config");
        }

        IConfigurationRoot file;
        try
        {
            file = new ConfigurationBuilder().AddJsonFile(path, optional: false, reloadOnChange: false).Build();
        }
        catch (Exception failure) when (failure is InvalidDataException or FormatException or IOException or UnauthorizedAccessException)
        {
            throw new StartupException(ExitCodes.Usage, $"cannot read the config file {path}: {ReasonOf(failure)}", failure);
        }

        return new SettingLayer(file.AsEnumerable(), key => $"{SettingLayer.Dotted(key)} in {path}", exactNames: true);
    }

    /// <summary>The <c>FSMOUNT_</c>-prefixed environment variables (<c>FSMOUNT_cacheMaxSize</c>, <c>FSMOUNT_OneFichier__CallsPerSecond</c>, <c>FSMOUNT_PROFILE</c>).</summary>
    public static SettingLayer FromEnvironment() =>
        new(
            new ConfigurationBuilder().AddEnvironmentVariables(SettingNames.EnvironmentPrefix).Build().AsEnumerable(),
            key => $"{SettingLayer.EnvironmentVariableOf(key)} in the environment",
            exactNames: false);

    /// <summary>The options given on the command line, by setting name, each named by its option in errors.</summary>
    public static SettingLayer FromCommandLine(IReadOnlyDictionary<string, (string Option, string Value)> given) =>
        new(
            given.Select(pair => KeyValuePair.Create(pair.Key, (string?)pair.Value.Value)),
            key => given[key].Option,
            exactNames: true);

    // A JSON syntax error is reported with its line, counted from 1 as editors do.
    private static string ReasonOf(Exception failure)
    {
        for (var inner = failure; inner is not null; inner = inner.InnerException)
        {
            if (inner is JsonException { LineNumber: { } line } json)
            {
                return $"it is not valid JSON at line {line + 1} ({FirstSentence(json.Message)})";
            }
        }

        return FirstSentence(failure.InnerException?.Message ?? failure.Message);
    }

    private static string FirstSentence(string message) => message.Split(". ", 2)[0].TrimEnd('.');
}
