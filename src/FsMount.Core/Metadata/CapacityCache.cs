using FsMount.Core.Errors;
using FsMount.Core.Persistence;
using FsMount.Core.Remote;
using FsMount.Core.Vfs;
using Microsoft.Extensions.Logging;

namespace FsMount.Core.Metadata;

/// <summary>
/// The account's capacity for statfs, which answers at once, never waiting on the service: with the
/// last known capacity (kept in the cache database, so also right after a restart), or before the
/// first one ever arrives, with a large estimate. The service is asked in the background, at most
/// once per <see cref="FsMountOptions.StatisticsCacheTime"/>, across restarts too; a failed ask
/// counts, as the service counts it (a <c>#38</c> is exactly that).
/// </summary>
internal sealed class CapacityCache : IAsyncDisposable
{
    // 1 PiB: large enough that no tool refuses a copy for lack of space we cannot see.
    private static readonly FileSystemStatistics s_unknown = new(1L << 50, 1L << 50);

    // Writes are refused for lack of room only on a capacity this recent: an older one (from a
    // previous mount, say) may predate files deleted on the web since.
    private static readonly TimeSpan s_trustedFor = TimeSpan.FromHours(1);

    private readonly IRemoteDrive _drive;
    private readonly AccountInfoStore _store;
    private readonly TimeProvider _time;
    private readonly TimeSpan _cacheTime;
    private readonly ILogger _logger;
    private readonly CancellationToken _lifetime;
    private readonly Lock _gate = new();
    private RemoteAccountInfo? _last;
    private FsException? _lastFailure;
    private DateTimeOffset _fetchedAt;
    private DateTimeOffset _nextAskAt;
    private Task _refresh = Task.CompletedTask;

    public CapacityCache(IRemoteDrive drive, AccountInfoStore store, TimeProvider time, TimeSpan cacheTime, ILogger logger, CancellationToken lifetime)
    {
        _drive = drive;
        _store = store;
        _time = time;
        _cacheTime = cacheTime;
        _logger = logger;
        _lifetime = lifetime;
        var (info, fetchedAt, nextAskAt) = store.Load();
        _last = info;
        _fetchedAt = fetchedAt;

        // A clock set back must not postpone the next ask for long.
        _nextAskAt = nextAskAt > time.GetUtcNow() + cacheTime ? time.GetUtcNow() : nextAskAt;
    }

    /// <summary>What statfs shows now; asks the service in the background when it is time.</summary>
    public FileSystemStatistics Current
    {
        get
        {
            RefreshIfDue();
            lock (_gate)
            {
                return _last is null ? s_unknown : ToStatistics(_last);
            }
        }
    }

    /// <summary>The last ask of the service (done once it answered or failed), for tests to wait on instead of sleeping.</summary>
    internal Task Refresh
    {
        get
        {
            lock (_gate)
            {
                return _refresh;
            }
        }
    }

    /// <summary>The capacity if the service reported it recently enough to refuse a write on it.</summary>
    public FileSystemStatistics? Recent
    {
        get
        {
            RefreshIfDue();
            lock (_gate)
            {
                return _last is not null && _time.GetUtcNow() - _fetchedAt <= s_trustedFor ? ToStatistics(_last) : null;
            }
        }
    }

    /// <summary>
    /// What is known of the account once the ask due now, if any, is answered: the service is asked
    /// only when the last ask (by this process or, through the cache database, by an earlier one) is
    /// older than <see cref="FsMountOptions.StatisticsCacheTime"/>.
    /// </summary>
    public async Task<AccountInfoReport> GetReportAsync(CancellationToken cancellationToken)
    {
        RefreshIfDue();
        await Refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            return new AccountInfoReport(_last, _fetchedAt, _lastFailure);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task refresh;
        lock (_gate)
        {
            refresh = _refresh;
        }

        // The lifetime token was cancelled first: this ends at once.
        await refresh.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private static FileSystemStatistics ToStatistics(RemoteAccountInfo info) =>
        info.TotalBytes > 0 ? new FileSystemStatistics(info.TotalBytes, Math.Max(0, info.TotalBytes - info.UsedBytes)) : s_unknown;

    private void RefreshIfDue()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (now < _nextAskAt || !_refresh.IsCompleted || _lifetime.IsCancellationRequested)
            {
                return;
            }

            _nextAskAt = now + _cacheTime;
            _refresh = Task.Run(() => RefreshAsync(_nextAskAt), CancellationToken.None);
        }
    }

    private async Task RefreshAsync(DateTimeOffset nextAskAt)
    {
        try
        {
            _store.SaveAsk(nextAskAt);
            var info = await _drive.GetAccountInfoAsync(_lifetime);
            Log.AccountInfoFetched(_logger, info.UsedBytes, info.TotalBytes);
            var now = _time.GetUtcNow();
            _store.SaveAnswer(info, now);
            lock (_gate)
            {
                _last = info;
                _lastFailure = null;
                _fetchedAt = now;
            }
        }
        catch (FsException ex)
        {
            Log.AccountInfoFailed(_logger, ex);
            lock (_gate)
            {
                _lastFailure = ex;
            }
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
        {
        }
    }
}
