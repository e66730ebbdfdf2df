using Microsoft.Extensions.Logging;

namespace FsMount.Cli.Logging;

/// <summary>
/// Holds back warnings until the mount is ready: a start-up failure is reported as exactly one
/// line by the command itself, not also by every layer it passed through. At the debug or trace
/// level (<c>-v</c>, <c>-vv</c>) everything at that level is shown from the start.
/// </summary>
internal sealed class StartupLogGate
{
    private volatile bool _mounted;

    /// <param name="level">The level chosen (<c>--log-level</c>, <c>-v</c>, the config), or null for the default: warnings once mounted.</param>
    public StartupLogGate(LogLevel? level)
    {
        Level = level ?? LogLevel.Warning;
    }

    public LogLevel Level { get; }

    public bool Verbose => Level <= LogLevel.Debug;

    public void Open() => _mounted = true;

    public bool Allows(LogLevel level) =>
        Verbose ? level >= Level : level >= (_mounted ? Level : LogLevel.Critical);
}
