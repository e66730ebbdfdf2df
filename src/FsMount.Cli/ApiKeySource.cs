using FsMount.Cli.Commands;
using FsMount.Cli.Configuration;

namespace FsMount.Cli;

/// <summary>
/// Finds the API key, in this order: <c>--api-key-file</c>, <c>FICHIER_API_KEY</c>, the profile's
/// <c>apiKeyFile</c> setting, the key <c>fsmount login</c> stored for the profile. A key file must be
/// readable by its owner only. The key never appears on a command line, where every user of the
/// machine could read it in the process list. Surrounding white space (a pasted trailing newline) is
/// trimmed; a key that cannot be one is refused before any call (<see cref="ApiKeyShape"/>).
/// </summary>
internal static class ApiKeySource
{
    public const string EnvironmentVariable = "FICHIER_API_KEY";

    private const UnixFileMode GroupOrOtherAccess =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Returns the key, or null when none was given.</summary>
    public static string? Find(MountSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.ApiKeyFile is not null)
        {
            return ReadKeyFile(settings.ApiKeyFile);
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable)?.Trim();
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return ApiKeyShape.Check(fromEnvironment, EnvironmentVariable);
        }

        if (settings.ConfiguredApiKeyFile is { } configured)
        {
            try
            {
                return ReadKeyFile(new FileInfo(ResolvedSettings.Parse(configured, SettingValues.Path)));
            }
            catch (StartupException failure) when (!failure.Message.StartsWith(configured.Source, StringComparison.Ordinal))
            {
                // Say which setting named the file: the user may not remember that the config file gives one.
                throw new StartupException(failure.ExitCode, $"{configured.Source}: {failure.Message}", failure);
            }
        }

        var stored = new FileInfo(ConfigFolder.KeyFileOf(settings.Profile));
        return stored.Exists ? ReadKeyFile(stored) : null;
    }

    /// <summary>The one line when no key was found, naming every place one is looked for.</summary>
    public static StartupException NoKey(string? profile) => new(
        ExitCodes.Usage,
        $"no API key: store one with: fsmount login{(profile is null ? "" : $" --profile {profile}")}; or pass --api-key-file FILE, set {EnvironmentVariable}, or set apiKeyFile in {ConfigFolder.DefaultConfigFile}; or try the built-in emulator with --emulator");

    private static string ReadKeyFile(FileInfo keyFile)
    {
        // FileInfo.Exists is false for a directory too, which would be reported as missing.
        if (Directory.Exists(keyFile.FullName))
        {
            throw new StartupException(
                ExitCodes.Usage, $"the API key file {keyFile.FullName} is a directory; give the file that holds the key");
        }

        if (!keyFile.Exists)
        {
            throw new StartupException(ExitCodes.Usage, $"the API key file {keyFile.FullName} does not exist");
        }

        if (!OperatingSystem.IsWindows() && (keyFile.UnixFileMode & GroupOrOtherAccess) != 0)
        {
            throw new StartupException(
                ExitCodes.Usage,
                $"the API key file {keyFile.FullName} is readable by other users; run: chmod 600 {keyFile.FullName}");
        }

        var key = File.ReadAllText(keyFile.FullName).Trim();
        if (key.Length == 0)
        {
            throw new StartupException(ExitCodes.Usage, $"the API key file {keyFile.FullName} is empty");
        }

        return ApiKeyShape.Check(key, $"the file {keyFile.FullName}");
    }
}
