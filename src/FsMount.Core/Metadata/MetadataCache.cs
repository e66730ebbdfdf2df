using System.Diagnostics;
using FsMount.Core.Errors;
using FsMount.Core.Remote;
using Microsoft.Extensions.Logging;

namespace FsMount.Core.Metadata;

/// <summary>
/// Folder listings, each fetched with one <see cref="IRemoteDrive.ListFolderAsync"/> call and reused
/// for <see cref="FsMountOptions.DirectoryCacheTime"/>. Callers that miss the same folder at the
/// same time share one remote call.
/// </summary>
/// <remarks>
/// A small dictionary rather than Microsoft.Extensions.Caching.Memory: the cache has to be
/// single-flight (MemoryCache's GetOrCreateAsync is not), its expiry has to follow a
/// <see cref="TimeProvider"/> (MemoryCache only takes the older ISystemClock), and listings must not
/// be evicted by memory pressure, because the service allows only one listing per folder per 30 s.
/// Expired listings are swept whenever a new one arrives, so the cache holds at most the folders used
/// within one cache time. Failures are not cached; the drive paces retries. When the service is
/// unreachable, an expired listing that has not been swept yet is served rather than an error.
/// </remarks>
internal sealed class MetadataCache
{
    private readonly IRemoteDrive _drive;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _cacheTime;
    private readonly Action<DirectoryListing> _discarded;
    private readonly CancellationToken _lifetime;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<long, DirectoryListing> _listings = [];
    private readonly Dictionary<long, Task<DirectoryListing>> _inFlight = [];

    /// <param name="discarded">Called with each listing that a newer one replaced or that expired and was swept.</param>
    public MetadataCache(
        IRemoteDrive drive,
        TimeProvider timeProvider,
        TimeSpan cacheTime,
        Action<DirectoryListing> discarded,
        ILogger logger,
        CancellationToken lifetime)
    {
        _drive = drive;
        _timeProvider = timeProvider;
        _cacheTime = cacheTime;
        _discarded = discarded;
        _logger = logger;
        _lifetime = lifetime;
    }

    public ValueTask<DirectoryListing> GetListingAsync(long folderId, CancellationToken cancellationToken)
    {
        Task<DirectoryListing>? fetch;
        lock (_gate)
        {
            if (_listings.TryGetValue(folderId, out var cached) && _timeProvider.GetUtcNow() < cached.ExpiresAt)
            {
                return ValueTask.FromResult(cached);
            }

            if (!_inFlight.TryGetValue(folderId, out fetch))
            {
                // The shared fetch must outlive any one caller's cancellation; each caller stops
                // waiting on its own token instead.
                fetch = Task.Run(() => FetchAsync(folderId), CancellationToken.None);
                _inFlight.Add(folderId, fetch);
            }
        }

        return new ValueTask<DirectoryListing>(fetch.WaitAsync(cancellationToken));
    }

    private async Task<DirectoryListing> FetchAsync(long folderId)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var remote = await _drive.ListFolderAsync(folderId, _lifetime);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var listing = new DirectoryListing(folderId, remote, _timeProvider.GetUtcNow() + _cacheTime);
            Log.FolderListed(_logger, folderId, remote.Folders.Count, remote.Files.Count, elapsed);
            foreach (var old in Store(listing))
            {
                _discarded(old);
            }

            return listing;
        }
        catch (FsException ex) when (ex.Error == FsError.Unavailable && Find(folderId) is { } stale)
        {
            // The service is unreachable but we know what the folder held a moment ago: showing that
            // beats failing every lookup. It stays expired, so the next access tries again.
            Log.StaleListingServed(_logger, folderId, ex);
            return stale;
        }
        catch (Exception ex)
        {
            Log.FolderListingFailed(_logger, folderId, ex);
            throw;
        }
        finally
        {
            lock (_gate)
            {
                _inFlight.Remove(folderId);
            }
        }
    }

    private DirectoryListing? Find(long folderId)
    {
        lock (_gate)
        {
            return _listings.GetValueOrDefault(folderId);
        }
    }

    private List<DirectoryListing> Store(DirectoryListing listing)
    {
        var discarded = new List<DirectoryListing>();
        lock (_gate)
        {
            if (_listings.Remove(listing.FolderId, out var replaced))
            {
                discarded.Add(replaced);
            }

            var now = _timeProvider.GetUtcNow();
            foreach (var (folderId, cached) in _listings)
            {
                if (cached.ExpiresAt <= now)
                {
                    discarded.Add(cached);
                    _listings.Remove(folderId);
                }
            }

            _listings.Add(listing.FolderId, listing);
        }

        return discarded;
    }
}
