using Microsoft.Extensions.Logging;

namespace FsMount.Cli.Status;

/// <summary>Hands warnings and errors, as the one line a user reads (message, then the exception's reason), to <see cref="RecentProblems"/>.</summary>
internal sealed class RecentProblemsLogger : ILogger
{
    private readonly RecentProblems _problems;

    public RecentProblemsLogger(RecentProblems problems)
    {
        _problems = problems;
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            var reason = exception is null ? "" : $" ({exception.Message})";
            _problems.Add(logLevel, formatter(state, exception) + reason);
        }
    }
}
