using FsMount.OneFichier.Activity;

namespace FsMount.OneFichier.Resilience;

/// <summary>
/// Spaces listings: at least <see cref="OneFichierOptions.FolderListingSpacing"/> between two listings of
/// one folder and <see cref="OneFichierOptions.AnyListingSpacing"/> between any two. Callers reserve their
/// slot under the lock, so concurrent listings queue up instead of racing.
/// </summary>
internal sealed class ListingSpacer
{
    private readonly Lock _lock = new();
    private readonly Dictionary<long, DateTimeOffset> _lastByFolder = [];
    private readonly TimeProvider _time;
    private readonly TimeSpan _perFolder;
    private readonly TimeSpan _any;
    private DateTimeOffset _lastAny = DateTimeOffset.MinValue;
    private long _lastFolder;

    public ListingSpacer(OneFichierOptions options, TimeProvider time)
    {
        _time = time;
        _perFolder = options.FolderListingSpacing;
        _any = options.AnyListingSpacing;
    }

    /// <summary>The wait of the last listing claimed, while it lasts, for status.</summary>
    public ServicePause? CurrentWait
    {
        get
        {
            lock (_lock)
            {
                return _time.GetUtcNow() < _lastAny
                    ? new ServicePause($"the listing of folder {_lastFolder}", $"the service allows one listing per folder every {_perFolder.TotalSeconds:0} s", _lastAny)
                    : null;
            }
        }
    }

    /// <summary>Waits for the next allowed listing of <paramref name="folderId"/> and claims it.</summary>
    public Task WaitTurnAsync(long folderId, CancellationToken cancellationToken)
    {
        DateTimeOffset slot;
        TimeSpan wait;
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            slot = now;
            if (_lastByFolder.TryGetValue(folderId, out var last) && last + _perFolder > slot)
            {
                slot = last + _perFolder;
            }

            if (_lastAny != DateTimeOffset.MinValue && _lastAny + _any > slot)
            {
                slot = _lastAny + _any;
            }

            _lastByFolder[folderId] = slot;
            _lastAny = slot;
            _lastFolder = folderId;
            wait = slot - now;
        }

        return wait > TimeSpan.Zero ? Task.Delay(wait, _time, cancellationToken) : Task.CompletedTask;
    }
}
