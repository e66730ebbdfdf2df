namespace FsMount.Cli.Configuration;

/// <summary>
/// The settings one source gave (the config file, the environment, the command line), flattened to
/// configuration keys (<c>cacheMaxSize</c>, <c>profiles:media:cacheMaxSize</c>, <c>OneFichier:CallsPerSecond</c>),
/// and how to name a key of it in an error ("profiles.media.cacheMaxSize in ~/.config/fsmount/config.json").
/// </summary>
internal sealed class SettingLayer
{
    private readonly Func<string, string> _describe;

    public SettingLayer(IEnumerable<KeyValuePair<string, string?>> values, Func<string, string> describe, bool exactNames)
    {
        Values = values
            .Where(pair => pair.Value is not null)
            .ToDictionary(pair => pair.Key, pair => pair.Value!, StringComparer.OrdinalIgnoreCase);
        _describe = describe;
        ExactNames = exactNames;
    }

    public IReadOnlyDictionary<string, string> Values { get; }

    /// <summary>
    /// Whether keys are checked as typed by hand: spelled as documented, each unknown one warned
    /// about. A file is typed by hand, so <c>cacheMaxsize</c> there is a typo to report; environment
    /// variables are conventionally in upper case, and other programs use the prefix too
    /// (<c>FSMOUNT_REQUIRE_FUSE</c> is the test suite's), so unknown ones there are ignored quietly.
    /// </summary>
    public bool ExactNames { get; }

    public string Describe(string key) => _describe(key);

    /// <summary>A file's keys as the user wrote them: <c>profiles.media.cacheMaxSize</c>.</summary>
    public static string Dotted(string key) => key.Replace(':', '.');

    /// <summary>The environment variable that sets a key: <c>FSMOUNT_OneFichier__CallsPerSecond</c>.</summary>
    public static string EnvironmentVariableOf(string key) => SettingNames.EnvironmentPrefix + key.Replace(":", "__", StringComparison.Ordinal);
}
