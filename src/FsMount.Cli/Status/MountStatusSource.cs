using FsMount.Core.Uploads;
using FsMount.Core.Vfs;
using FsMount.OneFichier;

namespace FsMount.Cli.Status;

/// <summary>Takes a <see cref="StatusSnapshot"/> of one mount from the counters its parts keep; no remote call.</summary>
internal sealed class MountStatusSource
{
    // A rate measured over less than this says more about the first request than about the line.
    private static readonly TimeSpan s_shortestRate = TimeSpan.FromSeconds(0.5);

    private readonly MountedFileSystem _fileSystem;
    private readonly OneFichierClient _client;
    private readonly RecentProblems _problems;
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _startedAt;

    public MountStatusSource(string mountPoint, string source, MountedFileSystem fileSystem, OneFichierClient client, RecentProblems problems, TimeProvider time)
    {
        MountPoint = mountPoint;
        Source = source;
        _fileSystem = fileSystem;
        _client = client;
        _problems = problems;
        _time = time;
        _startedAt = time.GetUtcNow();
    }

    public string MountPoint { get; }

    public string Source { get; }

    public StatusSnapshot Take()
    {
        var now = _time.GetUtcNow();
        var queue = _fileSystem.Uploads;
        var api = _client.Activity;
        return new StatusSnapshot(
            MountPoint,
            Source,
            Environment.ProcessId,
            _startedAt,
            now,
            (now - _startedAt).TotalSeconds,
            new UploadsStatus(queue.PendingFiles, queue.PendingBytes, queue.Running, queue.Failing, [.. _fileSystem.UploadActivity.Select(file => Describe(file, now))]),
            new CacheStatus(_fileSystem.ChunkCacheUsedBytes, _fileSystem.ChunkCacheMaxBytes),
            new ApiStatus(api.WindowMinutes, api.Calls, api.Pauses),
            _problems.Snapshot());
    }

    /// <summary>A file of the queue as status shows it, with its rate and time left as of <paramref name="now"/>.</summary>
    public static UploadStatus Describe(UploadActivity file, DateTimeOffset now)
    {
        if (file.StartedAt is not { } started)
        {
            return new UploadStatus(file.Name, file.Size, Running: false, 0, null, null, null);
        }

        var elapsed = now - started;
        double? rate = elapsed >= s_shortestRate ? file.BytesSent / elapsed.TotalSeconds : null;
        double? eta = rate > 0 ? (file.Size - file.BytesSent) / rate : null;
        return new UploadStatus(file.Name, file.Size, Running: true, file.BytesSent, started, rate, eta);
    }
}
