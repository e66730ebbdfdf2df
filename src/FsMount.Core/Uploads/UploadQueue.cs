using System.Threading.Channels;
using FsMount.Core.Errors;
using FsMount.Core.Reading;
using FsMount.Core.Remote;
using FsMount.Core.Staging;
using Microsoft.Extensions.Logging;

namespace FsMount.Core.Uploads;

/// <summary>
/// Uploads staged files once they are due (the last writer closed them a write-back delay ago), a
/// few runs at a time, through <see cref="UploadSteps"/>. Small files of one folder that are due
/// together go in one request (up to <see cref="FsMountOptions.MaxFilesPerUpload"/> files, or the
/// drive's own limit if lower, and <see cref="FsMountOptions.MaxBytesPerUpload"/> bytes), since
/// every request costs the same paced calls whatever it carries. Two files of one name and size never
/// share a request: an upload is looked up by name and size, and twins could not be told apart.
/// </summary>
/// <remarks>
/// A failed run is retried with a doubling delay (<see cref="FsMountOptions.UploadRetryDelay"/> up to
/// <see cref="FsMountOptions.MaxUploadRetryDelay"/>), forever: a staged file may be the only copy of
/// what a user wrote, so it is never given up, only logged.
/// </remarks>
internal sealed class UploadQueue : IAsyncDisposable
{
    private readonly StagingArea _staging;
    private readonly IRemoteDrive _drive;
    private readonly UploadSteps _steps;
    private readonly FsMountOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Lock _gate = new();
    private readonly Dictionary<UploadProgress, Task> _running = [];
    private readonly Dictionary<string, int> _failures = new(StringComparer.Ordinal);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _flushing;
    private Task _loop = Task.CompletedTask;

    public UploadQueue(StagingArea staging, IRemoteDrive drive, UploadSettler settler, ChunkCache chunks, FsMountOptions options, TimeProvider time, ILogger logger)
    {
        _staging = staging;
        _drive = drive;
        _steps = new UploadSteps(staging, drive, settler, chunks, logger);
        _options = options;
        _time = time;
        _logger = logger;
    }

    public void Start() => _loop = Task.Run(LoopAsync, CancellationToken.None);

    /// <summary>Something may have become due (a writer closed, a file was removed).</summary>
    public void Wake() => _wake.Writer.TryWrite(true);

    public UploadQueueStatus Status
    {
        get
        {
            var pending = _staging.All.Where(file => !file.State.Deleted).ToList();
            lock (_gate)
            {
                return new UploadQueueStatus(
                    pending.Count,
                    pending.Sum(file => file.Size),
                    pending.Count(file => file.IsUploading),
                    _running.Keys.Sum(progress => progress.Sent),
                    _failures.Count);
            }
        }
    }

    /// <summary>Every file still to upload, those running first, with the bytes each has sent.</summary>
    public IReadOnlyList<UploadActivity> Activity
    {
        get
        {
            List<UploadProgress> running;
            lock (_gate)
            {
                running = [.. _running.Keys];
            }

            var sending = running.SelectMany(progress => progress.Files).ToHashSet();
            var waiting = _staging.All
                .Where(file => !file.State.Deleted && !sending.Contains(file))
                .Select(file => new UploadActivity(file.State.Name, file.Size, 0, null));
            return [.. running.SelectMany(progress => progress.Activity()), .. waiting];
        }
    }

    /// <summary>
    /// Uploads everything now, without the write-back delay, and waits until nothing is left or
    /// <paramref name="timeout"/> passes. Returns what is left (it stays in the journal for the next mount).
    /// </summary>
    public async Task<UploadQueueStatus> FlushAsync(TimeSpan timeout, IProgress<UploadQueueStatus>? progress, CancellationToken cancellationToken)
    {
        _flushing = true;
        Wake();
        await WaitUntilAsync(() => _staging.All.Count == 0, timeout, () => progress?.Report(Status), cancellationToken);
        return Status;
    }

    /// <summary>
    /// Waits until <paramref name="done"/> holds, or <paramref name="timeout"/> passes; it is checked
    /// each time an upload run ends, and at least once a second (when <paramref name="tick"/> runs too).
    /// </summary>
    public async Task WaitUntilAsync(Func<bool> done, TimeSpan timeout, Action? tick, CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + timeout;
        while (true)
        {
            tick?.Invoke();
            var left = deadline - _time.GetUtcNow();
            if (done() || left <= TimeSpan.Zero)
            {
                return;
            }

            Task changed;
            lock (_gate)
            {
                changed = _changed.Task;
            }

            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1), _time, wait.Token);
            await Task.WhenAny(changed, delay);
            await wait.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Stops the queue; running uploads are cancelled and stay in the journal.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _loop;
        Task[] running;
        lock (_gate)
        {
            running = [.. _running.Values];
        }

        await Task.WhenAll(running);
        _stopping.Dispose();
    }

    private async Task LoopAsync()
    {
        var stopping = _stopping.Token;
        while (!stopping.IsCancellationRequested)
        {
            var now = _time.GetUtcNow();
            DateTimeOffset? next = null;
            var files = _staging.All.OrderBy(f => f.DueAt ?? DateTimeOffset.MaxValue).ToList();
            foreach (var file in files)
            {
                lock (_gate)
                {
                    if (_running.Count >= _options.MaxConcurrentUploads)
                    {
                        break;
                    }
                }

                if (file.TryStartUpload(now, _flushing, out var run))
                {
                    Start(Group(file, run!, files, now));
                }
                else if (file.DueAt is { } due && !file.IsUploading && (next is null || due < next))
                {
                    next = due;
                }
            }

            await WaitForWorkAsync(next is { } at ? at - now : null, stopping);
        }
    }

    // A small file that only needs sending takes along the other due ones of its folder.
    private List<(StagedFile File, UploadRun Run)> Group(StagedFile first, UploadRun run, List<StagedFile> files, DateTimeOffset now)
    {
        var group = new List<(StagedFile, UploadRun)> { (first, run) };
        var state = first.State;
        if (!UploadSteps.NeedsSendOnly(state) || state.Size > _options.MaxBytesPerUpload)
        {
            return group;
        }

        var bytes = state.Size;
        var limit = Math.Min(_options.MaxFilesPerUpload, _drive.MaxFilesPerUpload);
        var names = new HashSet<(string, long)> { (state.Name, state.Size) };
        foreach (var other in files)
        {
            if (group.Count >= limit)
            {
                break;
            }

            var candidate = other.State;
            if (other != first
                && candidate.FolderId == state.FolderId
                && UploadSteps.NeedsSendOnly(candidate)
                && bytes + candidate.Size <= _options.MaxBytesPerUpload
                && !names.Contains((candidate.Name, candidate.Size))
                && other.TryStartUpload(now, _flushing, out var otherRun))
            {
                group.Add((other, otherRun!));
                names.Add((candidate.Name, candidate.Size));
                bytes += candidate.Size;
            }
        }

        return group;
    }

    private void Start(List<(StagedFile File, UploadRun Run)> group)
    {
        var progress = new UploadProgress([.. group.Select(member => member.File)], _time.GetUtcNow());
        lock (_gate)
        {
            var started = new TaskCompletionSource();
            _running[progress] = RunAsync(group, progress, started.Task);
            started.SetResult();
        }
    }

    private async Task WaitForWorkAsync(TimeSpan? delay, CancellationToken stopping)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var woken = _wake.Reader.WaitToReadAsync(wait.Token).AsTask();
        var tasks = delay is { } d ? new[] { woken, Task.Delay(d > TimeSpan.Zero ? d : TimeSpan.Zero, _time, wait.Token) } : [woken];
        await Task.WhenAny(tasks);
        await wait.CancelAsync();
        try
        {
            await Task.WhenAll(tasks);
        }
        catch (OperationCanceledException)
        {
            // The other wait, cancelled above.
        }

        _wake.Reader.TryRead(out _);
    }

    /// <summary>One run over a group of files: prepare each, send those that need it in one request, settle each.</summary>
    private async Task RunAsync(List<(StagedFile File, UploadRun Run)> group, UploadProgress progress, Task registered)
    {
        // Runs on the thread pool, once the queue has recorded it.
        await registered.ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
        var failed = new Dictionary<StagedFile, Exception>();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource([.. group.Select(member => member.Run.StopToken), _stopping.Token]);
        try
        {
            var sends = new List<(StagedFile File, StagedFileState State)>();
            foreach (var (file, _) in group)
            {
                await Step(file, failed, async () =>
                {
                    if (await _steps.PrepareAsync(file, cancel.Token) is { Uploaded: null } state)
                    {
                        sends.Add((file, state));
                    }
                });
            }

            foreach (var folder in sends.GroupBy(send => send.State.FolderId))
            {
                var members = folder.ToList();
                try
                {
                    foreach (var refused in await _steps.SendAsync(members, progress, cancel.Token))
                    {
                        failed[refused] = new FsException(FsError.Unavailable, $"the service did not keep '{refused.State.Name}'");
                    }
                }
                catch (Exception ex) when (!cancel.IsCancellationRequested)
                {
                    members.ForEach(member => failed[member.File] = ex);
                }
            }

            foreach (var (file, run) in group.Where(member => !failed.ContainsKey(member.File)))
            {
                await Step(file, failed, async () => await _steps.SettleAsync(file, run, cancel.Token));
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // A writer needs one of the files, or the mount is stopping: the journal holds what was sent.
        }
        finally
        {
            Finish(group, progress, failed);
        }
    }

    // One file's step: its failure is its own, cancellation ends the whole run.
    private static async Task Step(StagedFile file, Dictionary<StagedFile, Exception> failed, Func<Task> step)
    {
        try
        {
            await step();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            failed[file] = ex;
        }
    }

    private void Finish(List<(StagedFile File, UploadRun Run)> group, UploadProgress progress, Dictionary<StagedFile, Exception> failed)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            foreach (var (file, run) in group)
            {
                DateTimeOffset? retryAt = null;
                if (failed.TryGetValue(file, out var failure))
                {
                    var failures = _failures[file.Id] = _failures.GetValueOrDefault(file.Id) + 1;
                    var delay = RetryDelay(failures, failure);
                    retryAt = _time.GetUtcNow() + delay;
                    Log.UploadFailed(_logger, file.State.Name, failures, delay, failure);
                }
                else
                {
                    _failures.Remove(file.Id);
                }

                file.FinishUpload(run, retryAt);
            }

            _running.Remove(progress);
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
        Wake();
    }

    private TimeSpan RetryDelay(int failures, Exception failure)
    {
        // A failure that retrying soon cannot heal (quota, name, key) waits the longest.
        if (failure is FsException { Error: not (FsError.Unavailable or FsError.None) })
        {
            return _options.MaxUploadRetryDelay;
        }

        var delay = _options.UploadRetryDelay * Math.Pow(2, Math.Min(failures - 1, 16));
        return delay < _options.MaxUploadRetryDelay ? delay : _options.MaxUploadRetryDelay;
    }
}
