using Microsoft.Extensions.Logging;

namespace FsMount.Cli.Logging;

/// <summary>
/// Holds back warnings until the mount is ready: a start-up failure is reported as exactly one
/// line by the command itself, not also by every layer it passed through. Verbose runs see all.
/// </summary>
internal sealed class StartupLogGate
{
    private volatile bool _mounted;

    public StartupLogGate(bool verbose)
    {
        Verbose = verbose;
    }

    public bool Verbose { get; }

    public void Open() => _mounted = true;

    public bool Allows(LogLevel level) =>
        Verbose ? level >= LogLevel.Debug : level >= (_mounted ? LogLevel.Warning : LogLevel.Critical);
}
