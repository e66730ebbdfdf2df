using System.Globalization;
using System.Reflection;
using FsMount.Core;
using FsMount.OneFichier;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace FsMount.Cli.Configuration;

/// <summary>
/// The tuning sections (<c>OneFichier</c>, <c>Core</c>) as configuration to bind onto their options,
/// each value checked first so a bad one is reported with its name and source before anything starts.
/// Durations and byte counts may be written in human form (<c>30s</c>, <c>64MiB</c>).
/// </summary>
internal static class TuningSettings
{
    public static IConfiguration Build(ResolvedSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var values = settings.Tuning.ToDictionary(
            pair => pair.Key,
            pair => (string?)ResolvedSettings.Parse(pair.Value, text => Normalize(pair.Key, text)),
            StringComparer.OrdinalIgnoreCase);
        var tuning = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        Check(settings, tuning, "OneFichier", new OneFichierOptions(), new OneFichierOptionsValidator());

        // The cache folder is chosen later, from the account; a stand-in lets the rest be checked now.
        Check(settings, tuning, "Core", new FsMountOptions { CacheDirectory = "/" }, new FsMountOptionsValidator());
        return tuning;
    }

    // The options' own validator, run before anything starts (as ValidateOnStart would, but before the
    // mount point and the emulator are touched); a failure names the setting that caused it.
    private static void Check<TOptions>(ResolvedSettings settings, IConfiguration tuning, string section, TOptions options, IValidateOptions<TOptions> validator)
        where TOptions : class
    {
        tuning.GetSection(section).Bind(options);
        if (validator.Validate(Options.DefaultName, options) is { Failed: true, Failures: { } failures } && failures.FirstOrDefault() is { } failure)
        {
            var property = failure.Split(' ', 2)[0];
            var source = settings.Tuning
                .FirstOrDefault(pair => string.Equals(pair.Key, $"{section}:{property}", StringComparison.OrdinalIgnoreCase)).Value?.Source ?? section;
            throw new StartupException(ExitCodes.Usage, $"{source}: {failure.TrimEnd('.')}");
        }
    }

    // The value in the form the configuration binder reads, or a FormatException saying what was expected.
    private static string Normalize(string key, string text)
    {
        var (section, name) = (key.Split(':')[0], key.Split(':')[1]);
        var type = SettingNames.Sections[section];
        var property = type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)!;
        if (property.PropertyType == typeof(TimeSpan))
        {
            return SettingValues.Duration(text).ToString("c", CultureInfo.InvariantCulture);
        }

        if (property.PropertyType is var number && (number == typeof(long) || number == typeof(int)) && name.Contains("Bytes", StringComparison.OrdinalIgnoreCase))
        {
            return SettingValues.Size(text).ToString(CultureInfo.InvariantCulture);
        }

        try
        {
            new ConfigurationBuilder()
                .AddInMemoryCollection([KeyValuePair.Create(name, (string?)text)])
                .Build()
                .Bind(Activator.CreateInstance(type)!);
            return text;
        }
        catch (InvalidOperationException failure)
        {
            throw new FormatException($"'{text}' is not {Expected(property.PropertyType)}", failure);
        }
    }

    private static string Expected(Type type) =>
        type == typeof(int) || type == typeof(long) ? "a whole number"
        : type == typeof(double) ? "a number (e.g. 2 or 0.5)"
        : type == typeof(bool) ? "true or false"
        : type.IsEnum ? $"one of {string.Join('|', Enum.GetNames(type))}"
        : $"a {type.Name}";
}
