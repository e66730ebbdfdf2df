namespace FsMount.Cli.Configuration;

/// <summary>
/// Where fsmount keeps what a user sets once: <c>$XDG_CONFIG_HOME/fsmount</c>, else <c>~/.config/fsmount</c>
/// (on Windows <c>%APPDATA%\fsmount</c>), holding <c>config.json</c> and the keys stored by <c>fsmount login</c>.
/// </summary>
internal static class ConfigFolder
{
    public static string Path => System.IO.Path.Combine(ConfigHome, "fsmount");

    public static string DefaultConfigFile => System.IO.Path.Combine(Path, "config.json");

    public static string KeysFolder => System.IO.Path.Combine(Path, "keys");

    /// <summary>The file <c>fsmount login</c> stores a profile's key in (<c>default</c> without a profile).</summary>
    public static string KeyFileOf(string? profile) => System.IO.Path.Combine(KeysFolder, profile ?? "default");

    /// <summary>Profiles that have a key stored by <c>fsmount login</c>, so they can be mounted without a config file.</summary>
    public static IEnumerable<string> ProfilesWithStoredKeys() =>
        Directory.Exists(KeysFolder)
            ? Directory.EnumerateFiles(KeysFolder).Select(System.IO.Path.GetFileName).OfType<string>().Where(name => name != "default" && IsProfileName(name))
            : [];

    /// <summary>A profile names a file under <see cref="KeysFolder"/>: no path separators, no hidden or temporary names.</summary>
    public static bool IsProfileName(string name) =>
        name.Length is > 0 and <= 64 && name[0] != '.' && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>Expands a leading <c>~/</c>, which a shell would have expanded on a command line but not in a config file.</summary>
    public static string ExpandHome(string path) =>
        path.StartsWith("~/", StringComparison.Ordinal)
            ? System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[2..])
            : path;

    private static string ConfigHome =>
        OperatingSystem.IsWindows()
            ? Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData)
            : Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } xdg
                ? xdg
                : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
}
