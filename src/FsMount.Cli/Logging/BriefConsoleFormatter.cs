using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace FsMount.Cli.Logging;

/// <summary>
/// One line per event, without stack traces: what a user running <c>fsmount</c> needs to read
/// ("fsmount: warning: ..."). <c>--verbose</c> switches to the simple console format, on one line
/// per event with a timestamp (one per FUSE request, API call and retry).
/// </summary>
internal sealed class BriefConsoleFormatter : ConsoleFormatter
{
    public const string FormatterName = "fsmount-brief";

    public BriefConsoleFormatter()
        : base(FormatterName)
    {
    }

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, null);
        var level = logEntry.LogLevel switch
        {
            LogLevel.Critical or LogLevel.Error => "error",
            LogLevel.Warning => "warning",
            _ => "info",
        };
        var reason = logEntry.Exception is null ? "" : $" ({logEntry.Exception.Message})";
        textWriter.WriteLine($"fsmount: {level}: {message}{reason}");
    }
}
