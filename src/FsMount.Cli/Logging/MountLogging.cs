using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace FsMount.Cli.Logging;

/// <summary>
/// Where a mount's events go: stderr in the brief format (one line per warning), the timed simple
/// format at the debug and trace levels, or systemd's format with priority prefixes (<c>&lt;4&gt;</c>)
/// under systemd, which adds times itself; and the <c>--log-file</c> when given, with the same events.
/// </summary>
internal static class MountLogging
{
    // systemd sets JOURNAL_STREAM for a service whose output goes to the journal. A terminal opened
    // from a desktop session started by systemd inherits it too, but there stderr is the terminal.
    private static bool UnderJournal =>
        Environment.GetEnvironmentVariable("JOURNAL_STREAM") is { Length: > 0 } && Console.IsErrorRedirected;

    public static void Configure(ILoggingBuilder logging, StartupLogGate gate, string? logFile)
    {
        ArgumentNullException.ThrowIfNull(logging);
        ArgumentNullException.ThrowIfNull(gate);
        logging
            .SetMinimumLevel(gate.Level < LogLevel.Debug ? gate.Level : LogLevel.Debug)
            .AddFilter((_, _, level) => gate.Allows(level))
            .AddConsoleFormatter<BriefConsoleFormatter, ConsoleFormatterOptions>()
            .AddSimpleConsole(simple =>
            {
                // -v: one line per event (a FUSE request, an API call), timed, so they read as a trace.
                simple.SingleLine = true;
                simple.TimestampFormat = "HH:mm:ss.fff ";
            })
            .AddSystemdConsole(systemd => systemd.TimestampFormat = null)
            .AddConsole(console =>
            {
                console.FormatterName = UnderJournal
                    ? ConsoleFormatterNames.Systemd
                    : gate.Verbose ? ConsoleFormatterNames.Simple : BriefConsoleFormatter.FormatterName;
                console.LogToStandardErrorThreshold = LogLevel.Trace;
            });
        if (logFile is not null)
        {
            logging.AddProvider(FileLoggerProvider.Open(logFile));
        }
    }
}
