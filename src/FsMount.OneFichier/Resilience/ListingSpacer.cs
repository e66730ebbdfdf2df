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
    public async Task<ListingClaim> WaitTurnAsync(long folderId, CancellationToken cancellationToken)
    {
        ListingClaim claim;
        TimeSpan wait;
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            var slot = now;
            DateTimeOffset? previous = _lastByFolder.TryGetValue(folderId, out var last) ? last : null;
            if (previous is { } lastOfFolder && lastOfFolder + _perFolder > slot)
            {
                slot = lastOfFolder + _perFolder;
            }

            if (_lastAny != DateTimeOffset.MinValue && _lastAny + _any > slot)
            {
                slot = _lastAny + _any;
            }

            claim = new ListingClaim(folderId, slot, previous, _lastAny);
            _lastByFolder[folderId] = slot;
            _lastAny = slot;
            _lastFolder = folderId;
            wait = slot - now;
        }

        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }

        return claim;
    }

    /// <summary>
    /// Gives back the turn of a listing that never reached the service (its connection failed), so
    /// its retry is not held 30 s for a listing the service never counted. A turn claimed by another
    /// listing since stays as it is.
    /// </summary>
    public void GiveBack(ListingClaim claim)
    {
        lock (_lock)
        {
            if (_lastByFolder.TryGetValue(claim.FolderId, out var slot) && slot == claim.Slot)
            {
                if (claim.PreviousFolderSlot is { } previous)
                {
                    _lastByFolder[claim.FolderId] = previous;
                }
                else
                {
                    _lastByFolder.Remove(claim.FolderId);
                }
            }

            if (_lastAny == claim.Slot)
            {
                _lastAny = claim.PreviousAnySlot;
            }
        }
    }
}
