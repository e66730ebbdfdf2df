using Microsoft.Extensions.Logging;

namespace FsMount.Cli.Status;

/// <summary>
/// The last <see cref="Capacity"/> warnings and errors the mount logged, with their times, for status:
/// a logger provider (added to the mount's logger factory) over a small ring.
/// </summary>
internal sealed class RecentProblems : ILoggerProvider
{
    public const int Capacity = 20;

    private readonly Lock _gate = new();
    private readonly Queue<RecentProblem> _problems = new(Capacity);
    private readonly TimeProvider _time;

    public RecentProblems(TimeProvider time)
    {
        _time = time;
    }

    public IReadOnlyList<RecentProblem> Snapshot()
    {
        lock (_gate)
        {
            return [.. _problems];
        }
    }

    public ILogger CreateLogger(string categoryName) => new RecentProblemsLogger(this);

    public void Dispose()
    {
    }

    public void Add(LogLevel level, string message)
    {
        var problem = new RecentProblem(_time.GetUtcNow(), level >= LogLevel.Error ? "error" : "warning", message);
        lock (_gate)
        {
            if (_problems.Count == Capacity)
            {
                _problems.Dequeue();
            }

            _problems.Enqueue(problem);
        }
    }
}
