using System.Globalization;
using Microsoft.Extensions.Logging;

namespace FsMount.Cli.Logging;

/// <summary>One category's events as lines of the log file: time with its offset, level, category, message, and the exception's message (no stack trace).</summary>
internal sealed class FileLogger : ILogger
{
    private readonly string _category;
    private readonly Action<string> _writeLine;

    public FileLogger(string category, Action<string> writeLine)
    {
        _category = category;
        _writeLine = writeLine;
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    // Which levels reach the file is decided by the logging filters, as for the console.
    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        var reason = exception is null ? "" : $" ({exception.GetType().Name}: {exception.Message})";
        var time = DateTimeOffset.Now.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

        // One event, one line, whatever the message holds.
        var text = $"{formatter(state, exception)}{reason}".ReplaceLineEndings(" ");
        _writeLine($"{time} {logLevel.ToString().ToLowerInvariant()} {_category}: {text}");
    }
}
