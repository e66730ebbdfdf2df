using System.Threading.Channels;
using FsMount.Core.Errors;
using FsMount.Core.Remote;
using FsMount.Core.Staging;
using Microsoft.Extensions.Logging;

namespace FsMount.Core.Uploads;

/// <summary>
/// Uploads staged files once they are due (the last writer closed them a write-back delay ago), a
/// few at a time, each through the steps the journal records: resolve uploads a crash or a lost
/// answer left unresolved, send the bytes under a new ticket, move the upload where the file was
/// renamed meanwhile, remove what it replaces, then bind the node to it. A crash at any step
/// resumes at that step; nothing is sent twice, because an upload whose outcome is unknown is
/// looked up before anything is sent again.
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
    private readonly UploadSettler _settler;
    private readonly FsMountOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Lock _gate = new();
    private readonly Dictionary<StagedFile, (Task Run, UploadProgress Progress)> _running = [];
    private readonly Dictionary<string, int> _failures = new(StringComparer.Ordinal);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _flushing;
    private Task _loop = Task.CompletedTask;

    public UploadQueue(StagingArea staging, IRemoteDrive drive, UploadSettler settler, FsMountOptions options, TimeProvider time, ILogger logger)
    {
        _staging = staging;
        _drive = drive;
        _settler = settler;
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
                    _running.Count,
                    _running.Values.Sum(running => running.Progress.Sent),
                    _failures.Count);
            }
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
        var deadline = _time.GetUtcNow() + timeout;
        while (true)
        {
            var status = Status;
            progress?.Report(status);
            var left = deadline - _time.GetUtcNow();
            if (_staging.All.Count == 0 || left <= TimeSpan.Zero)
            {
                return status;
            }

            Task changed;
            lock (_gate)
            {
                changed = _changed.Task;
            }

            // Progress is reported at least once a second.
            using var tick = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1), _time, tick.Token);
            await Task.WhenAny(changed, delay);
            await tick.CancelAsync();
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
            running = [.. _running.Values.Select(r => r.Run)];
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
            foreach (var file in _staging.All.OrderBy(f => f.DueAt ?? DateTimeOffset.MaxValue))
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
                    var progress = new UploadProgress();
                    lock (_gate)
                    {
                        _running[file] = (Task.Run(() => RunAsync(file, run!, progress), CancellationToken.None), progress);
                    }
                }
                else if (file.DueAt is { } due && (next is null || due < next))
                {
                    next = due;
                }
            }

            await WaitForWorkAsync(next is { } at ? at - now : null, stopping);
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

    private async Task RunAsync(StagedFile file, UploadRun run, UploadProgress progress)
    {
        DateTimeOffset? retryAt = null;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(run.StopToken, _stopping.Token);
        try
        {
            await UploadAsync(file, run, progress, cancel.Token);
            lock (_gate)
            {
                _failures.Remove(file.Id);
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // A writer needs the file, or the mount is stopping: the journal holds what was sent.
        }
        catch (Exception ex)
        {
            int failures;
            lock (_gate)
            {
                failures = _failures[file.Id] = _failures.GetValueOrDefault(file.Id) + 1;
            }

            var delay = RetryDelay(failures, ex);
            retryAt = _time.GetUtcNow() + delay;
            Log.UploadFailed(_logger, file.State.Name, failures, delay, ex);
        }
        finally
        {
            file.FinishUpload(run, retryAt);
            TaskCompletionSource changed;
            lock (_gate)
            {
                _running.Remove(file);
                changed = _changed;
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            changed.TrySetResult();
            Wake();
        }
    }

    private async Task UploadAsync(StagedFile file, UploadRun run, UploadProgress progress, CancellationToken cancellationToken)
    {
        var state = file.State;
        if (state.Uploaded is { } stale && state.UploadedVersion != state.Version)
        {
            // Bytes changed after that upload landed: it is an old version now.
            state = file.Update(s => s with { Replaces = [.. s.Replaces, stale], Uploaded = null });
        }

        foreach (var pending in state.Unresolved)
        {
            var found = (await _drive.FindUploadAsync(pending.Ticket, pending.FolderId, [new UploadItem(pending.Name, pending.Length)], cancellationToken))[0];
            var placed = found is null ? null : new PlacedFile(found with { Name = pending.Name }, pending.FolderId);
            if (placed is not null)
            {
                _settler.Hide(placed);
            }

            state = file.Update(s => Resolved(s, pending, placed));
        }

        if (state.Deleted)
        {
            await RemoveAsync(file, state.Uploaded is { } uploaded ? [.. state.Replaces, uploaded] : state.Replaces, cancellationToken);
            _staging.Forget(file);
            Log.StagedFileCleanedUp(_logger, file.Id);
            return;
        }

        if (state.Uploaded is null)
        {
            state = await SendAsync(file, state, progress, cancellationToken);
            if (state.Uploaded is null)
            {
                // Superseded by newer bytes while it was sent: the next run sends those.
                return;
            }
        }

        var current = state.Uploaded!;
        if (current.FolderId != state.FolderId || current.File.Name != state.Name)
        {
            // Renamed or moved while it was being uploaded.
            var moved = await _drive.MoveFileAsync(current.File, current.FolderId, state.FolderId, state.Name, cancellationToken);
            var placed = new PlacedFile(moved with { Name = state.Name }, state.FolderId);
            _settler.Hide(placed);
            state = file.Update(s => s.Uploaded?.File.Id == moved.Id ? s with { Uploaded = placed } : s);
        }

        await RemoveAsync(file, state.Replaces, cancellationToken);
        state = file.State;
        if (state.Uploaded is { } done && _settler.TryBind(file, done, run))
        {
            _staging.Forget(file);
            Log.Uploaded(_logger, state.Name, state.Size, done.File.ShortId);
        }
    }

    private async Task<StagedFileState> SendAsync(StagedFile file, StagedFileState state, UploadProgress progress, CancellationToken cancellationToken)
    {
        var ticket = await _drive.BeginUploadAsync(cancellationToken);

        // The service refuses empty files: one NUL byte stands for an empty one (EmptyFilePlaceholder).
        var length = state.Size == 0 ? EmptyFilePlaceholder.Content.Length : state.Size;
        var pending = new PendingUpload(ticket, state.FolderId, state.Name, length, state.Version);
        file.Update(s => s with { Unresolved = [.. s.Unresolved, pending] });
        var item = new UploadItem(pending.Name, length, () => OpenContent(file, state.Size));
        var result = (await _drive.UploadAsync(ticket, pending.FolderId, [item], progress, cancellationToken))[0];
        if (result is null)
        {
            // The service took the request but not this file: it certainly did not land.
            file.Update(s => Resolved(s, pending, null));
            throw new FsException(FsError.Unavailable, $"the service did not keep '{pending.Name}'");
        }

        var placed = new PlacedFile(result with { Name = pending.Name }, pending.FolderId);
        _settler.Hide(placed);
        return file.Update(s => Resolved(s, pending, placed));
    }

    // An upload found to have landed is the current content only if no writer came since it was sent.
    private static StagedFileState Resolved(StagedFileState state, PendingUpload pending, PlacedFile? landed)
    {
        var unresolved = state.Unresolved.Where(p => p.Ticket.Id != pending.Ticket.Id).ToList();
        if (landed is null)
        {
            return state with { Unresolved = unresolved };
        }

        return pending.Version == state.Version && state.Uploaded is null && !state.Deleted
            ? state with { Unresolved = unresolved, Uploaded = landed, UploadedVersion = pending.Version }
            : state with { Unresolved = unresolved, Replaces = [.. state.Replaces, landed] };
    }

    private async Task RemoveAsync(StagedFile file, IReadOnlyList<PlacedFile> remove, CancellationToken cancellationToken)
    {
        foreach (var old in remove)
        {
            await _drive.RemoveFileAsync(old.File, cancellationToken);
            file.Update(s => s with
            {
                Replaces = s.Replaces.Where(r => r.File.Id != old.File.Id).ToList(),
                Uploaded = s.Uploaded?.File.Id == old.File.Id && s.Deleted ? null : s.Uploaded,
            });
        }
    }

    private static Stream OpenContent(StagedFile file, long size) => size == 0
        ? new MemoryStream(EmptyFilePlaceholder.Content.ToArray(), writable: false)
        : new FileStream(file.DataPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1024 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);

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
