using System.CommandLine;
using FsMount.Cli.Configuration;

namespace FsMount.Cli.Commands;

/// <summary>
/// The options of a command that reaches an account without mounting it (<c>about</c>,
/// <c>remote-upload</c>): which account (<c>--profile</c>, <c>--config</c>, <c>--api-url</c>,
/// <c>--api-key-file</c>) and its cache folder (<c>--cache-dir</c>), layered with the config file and the
/// environment as <c>fsmount mount</c> does.
/// </summary>
internal sealed class AccountOptions
{
    private readonly Option<string> _config = new("--config") { Description = "Config file to read (as for fsmount mount)", HelpName = "FILE" };
    private readonly Option<string> _profile = new("--profile") { Description = "The account of this profile of the config file, else FSMOUNT_PROFILE", HelpName = "NAME" };
    private readonly Option<string> _apiUrl = new("--api-url") { Description = $"API base URL including /v1 (default {MountCommand.DefaultApiUrl})", HelpName = "URL" };
    private readonly Option<FileInfo> _apiKeyFile = new("--api-key-file")
    {
        Description = $"File holding the API key (else {ApiKeySource.EnvironmentVariable}, the profile's apiKeyFile, the key stored by fsmount login)",
        HelpName = "FILE",
    };

    private readonly Option<string> _cacheDirectory = new("--cache-dir") { Description = "The account's cache folder, if its mounts use another than the default", HelpName = "DIR" };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in new Option[] { _config, _profile, _apiUrl, _apiKeyFile, _cacheDirectory })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Whether any of them was typed: the command is then about that account, not a mounted path.</summary>
    public bool AnyGiven(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return new Option[] { _config, _profile, _apiUrl, _apiKeyFile, _cacheDirectory }.Any(option => parseResult.GetResult(option) is { Implicit: false });
    }

    /// <exception cref="StartupException">A setting is wrong; the message says which and why.</exception>
    public MountSettings Read(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var given = new[] { (SettingNames.Profile, _profile), (SettingNames.ApiUrl, _apiUrl), (SettingNames.CacheDir, _cacheDirectory) }
            .Where(pair => parseResult.GetResult(pair.Item2) is { Implicit: false })
            .ToDictionary(pair => pair.Item1, pair => (pair.Item2.Name, parseResult.GetResult(pair.Item2)!.Tokens[0].Value), StringComparer.OrdinalIgnoreCase);
        var resolved = MountCommand.Resolve(parseResult.GetValue(_config), SettingLayers.FromCommandLine(given));
        return MountCommand.Read(resolved, string.Empty, parseResult.GetValue(_apiKeyFile), false, null, null);
    }
}
