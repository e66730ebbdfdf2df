using System.Diagnostics;
using FsMount.OneFichier.Activity;
using Microsoft.Extensions.Logging;

namespace FsMount.OneFichier.Resilience;

/// <summary>
/// The account's call budget shared by every process of it on this host (two mounts, a mount and a
/// command run beside it or right after it): the service counts calls per account and per IP, not per
/// process. A small file (<see cref="HostPacingState"/>) holds when the next call may start (a GCRA at
/// <see cref="OneFichierOptions.CallsPerSecond"/> with <see cref="OneFichierOptions.CallBurst"/>), until
/// when a flood answer to any of them stops every call, and when each folder was last listed. A process
/// takes its turn under an exclusive lock of the file (flock on Linux), held for a read and a write only.
/// </summary>
/// <remarks>
/// A caller that must wait does so outside the lock and then looks again, instead of booking a place
/// ahead: a booking of a request that is then cancelled (an I/O time-out, a closed file) would hold back
/// every process for nothing. Each process keeps its own pacing too (its queue decides which of its
/// callers goes next); this only adds the other processes' calls to it. A file that cannot be used (a
/// read-only folder, a lock held for seconds by a stopped process) costs one warning and the budget is
/// then this process's own, as without the file (a held lock is tried again after 30 s).
/// </remarks>
internal sealed class HostPacing
{
    // Contention on the file lasts microseconds; a lock held longer is a stopped or stuck process.
    private static readonly TimeSpan s_lockPatience = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan s_lockRetry = TimeSpan.FromMilliseconds(1);

    // After a lock held past the patience, calls go without the file this long instead of each waiting it out.
    private static readonly TimeSpan s_heldLockRest = TimeSpan.FromSeconds(30);

    // FileShare.None takes an exclusive flock on Unix (a sharing lock on Windows), which another process's
    // open waits out; the file is created readable by its owner only.
    private static readonly FileStreamOptions s_lockedFile = CreateLockedFileOptions();

    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly long _callInterval;
    private readonly long _callTolerance;
    private readonly long _folderSpacing;
    private readonly long _anySpacing;
    private readonly long _longestFloodPause;
    private volatile ServicePause? _currentWait;
    private int _unusableReported;
    private long _fileRestsUntil;

    public HostPacing(string path, OneFichierOptions options, TimeProvider time, ILogger logger)
    {
        _path = path;
        _time = time;
        _logger = logger;
        _callInterval = TimeSpan.FromSeconds(1 / options.CallsPerSecond).Ticks;
        _callTolerance = (options.CallBurst - 1) * _callInterval;
        _folderSpacing = options.FolderListingSpacing.Ticks;
        _anySpacing = options.AnyListingSpacing.Ticks;
        _longestFloodPause = options.MaxFloodPause.Ticks;
    }

    /// <summary>The wait another process imposes on this one now, if any, for status.</summary>
    public ServicePause? CurrentWait => _currentWait is { } wait && wait.Until > _time.GetUtcNow() ? wait : null;

    /// <summary>
    /// Waits until the account's processes let one more call start (a listing of <paramref name="listedFolder"/>
    /// when given) and takes its place. Returns the listing's turn, to give back if it never reached the service.
    /// </summary>
    public async ValueTask<HostListingTurn?> WaitTurnAsync(long? listedFolder, CancellationToken cancellationToken)
    {
        while (true)
        {
            var (usable, (turn, waitUntil, pause)) = await UpdateAsync((state, now) => TryTake(state, now, listedFolder), cancellationToken).ConfigureAwait(false);
            _currentWait = usable ? pause : null;
            if (!usable || waitUntil is not { } until)
            {
                return turn;
            }

            // Whole milliseconds: a shorter delay ends at once, and the loop would spin until the time comes.
            var delay = until - _time.GetUtcNow();
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(delay.TotalMilliseconds)), _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Gives back the turn of a listing that never reached the service, unless another listing took the folder since.</summary>
    public async ValueTask GiveBackAsync(HostListingTurn turn)
    {
        await UpdateAsync(
            (state, _) =>
            {
                if (state.ListingTicksByFolder.TryGetValue(turn.FolderId, out var ticks) && ticks == turn.Ticks)
                {
                    if (turn.PreviousFolderTicks is { } previous)
                    {
                        state.ListingTicksByFolder[turn.FolderId] = previous;
                    }
                    else
                    {
                        state.ListingTicksByFolder.Remove(turn.FolderId);
                    }
                }

                if (state.LastListingTicks == turn.Ticks)
                {
                    state.LastListingTicks = turn.PreviousAnyTicks;
                }
            }).ConfigureAwait(false);
    }

    /// <summary>Stops every process of the account until <paramref name="until"/>: the service answered "flood detected" to <paramref name="endpoint"/>.</summary>
    public async ValueTask RecordFloodAsync(DateTimeOffset until, string endpoint)
    {
        await UpdateAsync(
            (state, _) =>
            {
                if (until.UtcTicks > state.FloodUntilTicks)
                {
                    state.FloodUntilTicks = until.UtcTicks;
                    state.FloodEndpoint = endpoint;
                }
            }).ConfigureAwait(false);
    }

    /// <summary>
    /// The ask of <c>user/info.cgi</c>, which the service allows once per <paramref name="ration"/> per account:
    /// claimed for this process when no process asked within it, else where the other process's ask stands.
    /// A file that cannot be used leaves the ask to this process.
    /// </summary>
    public async ValueTask<AccountInfoClaim> ClaimAccountInfoAskAsync(TimeSpan ration, CancellationToken cancellationToken)
    {
        var (usable, claim) = await UpdateAsync(
            (state, now) =>
            {
                if (state.AccountInfoAskedTicks != 0 && now - state.AccountInfoAskedTicks < ration.Ticks)
                {
                    var ended = state.AccountInfoAnsweredTicks >= state.AccountInfoAskedTicks;
                    return new AccountInfoClaim(
                        false,
                        ended && state.AccountInfoAnswer.Length > 0 ? state.AccountInfoAnswer : null,
                        ended && state.AccountInfoAnswer.Length == 0,
                        At(state.AccountInfoAskedTicks));
                }

                state.AccountInfoAskedTicks = now;
                return new AccountInfoClaim(true, null, false, At(now));
            },
            cancellationToken).ConfigureAwait(false);
        return usable ? claim : new AccountInfoClaim(true, null, false, _time.GetUtcNow());
    }

    /// <summary>
    /// Ends this process's ask of <c>user/info.cgi</c> for the account's other processes: its answer (JSON), or
    /// <see langword="null"/> when it failed after reaching the service, which counts it.
    /// </summary>
    public async ValueTask EndAccountInfoAskAsync(string? answer)
    {
        await UpdateAsync(
            (state, now) =>
            {
                state.AccountInfoAnsweredTicks = now;
                state.AccountInfoAnswer = answer ?? "";
            }).ConfigureAwait(false);
    }

    /// <summary>Gives back the claim of an ask that never reached the service (cancelled, no connection), unless another took it since.</summary>
    public async ValueTask GiveBackAccountInfoAskAsync(AccountInfoClaim claim)
    {
        await UpdateAsync(
            (state, _) =>
            {
                if (state.AccountInfoAskedTicks == claim.AskedAt.UtcTicks)
                {
                    state.AccountInfoAskedTicks = 0;
                }
            }).ConfigureAwait(false);
    }

    /// <summary>Takes the place of a call when it may start now; else says until when to wait, and why when the wait is worth a status line.</summary>
    private (HostListingTurn? Turn, DateTimeOffset? WaitUntil, ServicePause? Pause) TryTake(HostPacingState state, long now, long? listedFolder)
    {
        // A wait for the call rate alone is a fraction of a second: no pause worth a status line.
        var readyAt = state.NextCallTicks - _callTolerance;
        ServicePause? pause = null;
        if (listedFolder is { } folder)
        {
            var listingAt = Math.Max(
                state.LastListingTicks + _anySpacing,
                state.ListingTicksByFolder.TryGetValue(folder, out var listed) ? listed + _folderSpacing : 0);
            if (listingAt > readyAt)
            {
                readyAt = listingAt;
                pause = new ServicePause(
                    $"the listing of folder {folder}",
                    $"another fsmount process of this account listed lately; the service allows one listing per folder every {TimeSpan.FromTicks(_folderSpacing).TotalSeconds:0} s",
                    At(listingAt));
            }
        }

        if (state.FloodUntilTicks > readyAt)
        {
            readyAt = state.FloodUntilTicks;
            pause = new ServicePause("every API call", $"the service answered \"flood detected\" to {state.FloodEndpoint} (every fsmount process of this account waits)", At(readyAt));
        }

        if (readyAt > now)
        {
            return (null, At(readyAt), pause);
        }

        state.NextCallTicks = Math.Max(state.NextCallTicks, now) + _callInterval;
        if (listedFolder is not { } listedNow)
        {
            return (null, null, null);
        }

        HostListingTurn turn = new(listedNow, now, state.ListingTicksByFolder.TryGetValue(listedNow, out var before) ? before : null, state.LastListingTicks);
        state.ListingTicksByFolder[listedNow] = now;
        state.LastListingTicks = now;
        state.ForgetListingsBefore(now - Math.Max(_folderSpacing, _anySpacing));
        return (turn, null, null);
    }

    /// <summary>
    /// Times written before the clock was set back (or by a process whose clock ran ahead) lie further ahead than
    /// pacing ever books: brought back to what pacing could have meant, so a clock step of an hour does not stop
    /// every call of the account for an hour (nor keep an account info answer of the future); a negative time
    /// (a damaged file) is taken as long past.
    /// </summary>
    private void ForgetTheFuture(HostPacingState state, long now)
    {
        state.NextCallTicks = Math.Clamp(state.NextCallTicks, 0, now + _callTolerance + _callInterval);
        state.FloodUntilTicks = Math.Clamp(state.FloodUntilTicks, 0, now + _longestFloodPause);
        state.LastListingTicks = Math.Clamp(state.LastListingTicks, 0, now);
        foreach (var (folder, ticks) in state.ListingTicksByFolder.Where(pair => pair.Value < 0 || pair.Value > now).ToList())
        {
            state.ListingTicksByFolder[folder] = ticks < 0 ? 0 : now;
        }

        if (state.AccountInfoAskedTicks is < 0 || state.AccountInfoAskedTicks > now || state.AccountInfoAnsweredTicks > now)
        {
            state.AccountInfoAskedTicks = 0;
            state.AccountInfoAnsweredTicks = 0;
            state.AccountInfoAnswer = "";
        }
    }

    private static DateTimeOffset At(long ticks) => new(ticks, TimeSpan.Zero);

    /// <summary>
    /// Runs <paramref name="change"/> on the file's state under its lock and writes the state back, even when the
    /// caller is cancelled: what it records (a flood, an ask's end, a turn given back) must reach the other processes.
    /// </summary>
    private async ValueTask UpdateAsync(Action<HostPacingState, long> change) =>
        await UpdateAsync(
            (state, now) =>
            {
                change(state, now);
                return true;
            },
            CancellationToken.None).ConfigureAwait(false);

    /// <summary>Runs <paramref name="change"/> on the file's state under its lock and writes the state back; unusable, it runs nothing.</summary>
    private async ValueTask<(bool Usable, T Result)> UpdateAsync<T>(Func<HostPacingState, long, T> change, CancellationToken cancellationToken)
    {
        var file = await LockAsync(cancellationToken).ConfigureAwait(false);
        if (file is null)
        {
            return (false, default!);
        }

        try
        {
            using (file)
            {
                var state = HostPacingState.ReadFrom(file);
                var now = _time.GetUtcNow().UtcTicks;
                ForgetTheFuture(state, now);
                var result = change(state, now);
                state.WriteTo(file);
                return (true, result);
            }
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            ReportUnusable(failure.Message);
            return (false, default!);
        }
    }

    private async ValueTask<FileStream?> LockAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        if (started < Volatile.Read(ref _fileRestsUntil))
        {
            return null;
        }

        while (true)
        {
            try
            {
                return new FileStream(_path, s_lockedFile);
            }
            catch (IOException held) when (IsHeldByAnother(held))
            {
                if (Stopwatch.GetElapsedTime(started) > s_lockPatience)
                {
                    ReportUnusable($"another process held it for more than {s_lockPatience.TotalSeconds:0} s");
                    Volatile.Write(ref _fileRestsUntil, Stopwatch.GetTimestamp() + (long)(s_heldLockRest.TotalSeconds * Stopwatch.Frequency));
                    return null;
                }

                // Real time, not the account's clock: this waits for another process, not for the service.
                await Task.Delay(s_lockRetry, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
            {
                ReportUnusable(failure.Message);
                return null;
            }
        }
    }

    private static FileStreamOptions CreateLockedFileOptions()
    {
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return options;
    }

    // EWOULDBLOCK from flock on Unix, ERROR_SHARING_VIOLATION on Windows.
    private static bool IsHeldByAnother(IOException failure) => failure.HResult is 11 or unchecked((int)0x80070020);

    private void ReportUnusable(string reason)
    {
        if (Interlocked.Exchange(ref _unusableReported, 1) == 0)
        {
            Log.HostPacingUnusable(_logger, _path, reason);
        }
    }
}
