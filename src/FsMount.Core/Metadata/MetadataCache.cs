using System.Diagnostics;
using FsMount.Core.Errors;
using FsMount.Core.Persistence;
using FsMount.Core.Remote;
using FsMount.Core.Vfs;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace FsMount.Core.Metadata;

/// <summary>
/// Gets directory views: from the namespace while a folder's listing is fresh, else with one
/// <see cref="IRemoteDrive.ListFolderAsync"/> call that every caller missing the same folder at the
/// same time shares. A listing serves for <see cref="FsMountOptions.DirectoryCacheTime"/>.
/// </summary>
/// <remarks>
/// A small dictionary of in-flight fetches rather than Microsoft.Extensions.Caching.Memory: the
/// cache has to be single-flight (MemoryCache's GetOrCreateAsync is not), its expiry has to follow a
/// <see cref="TimeProvider"/>, listings must not be evicted by memory pressure (the service allows one
/// listing per folder per 30 s), and our own mutations are overlaid on them. Listings, with our
/// changes applied, are also kept in the cache database (<see cref="ListingStore"/>) until they
/// expire, so a restarted mount serves them from disk. Failures are not cached;
/// the drive paces retries. When the service is unreachable, an expired listing that has not been
/// swept yet is served rather than an error.
/// </remarks>
internal sealed class MetadataCache
{
    private readonly IRemoteDrive _drive;
    private readonly Namespace _namespace;
    private readonly ListingStore _store;
    private readonly TimeProvider _time;
    private readonly TimeSpan _cacheTime;
    private readonly CancellationToken _lifetime;
    private readonly ILogger _logger;
    private readonly Dictionary<long, Task> _inFlight = [];

    public MetadataCache(IRemoteDrive drive, Namespace names, ListingStore store, TimeProvider time, TimeSpan cacheTime, ILogger logger, CancellationToken lifetime)
    {
        _drive = drive;
        _namespace = names;
        _store = store;
        _time = time;
        _cacheTime = cacheTime;
        _logger = logger;
        _lifetime = lifetime;
        LoadSaved();
    }

    /// <summary>Writes the listings that changed (a new listing, or our own changes) to the cache database.</summary>
    public void SaveChanged()
    {
        List<(RemoteFolderListing Listing, DateTimeOffset ExpiresAt)> changed;
        lock (_namespace.Gate)
        {
            changed = _namespace.TakeUnsaved();
        }

        try
        {
            foreach (var (listing, expiresAt) in changed)
            {
                _store.Save(listing, expiresAt);
            }
        }
        catch (Exception ex) when (ex is SqliteException or ObjectDisposedException)
        {
            // Only a cache (the mount may be closing): a restart lists these folders again.
            Log.ListingsNotSaved(_logger, ex);
        }
    }

    public async ValueTask<DirectoryView> GetViewAsync(DirectoryNode directory, CancellationToken cancellationToken)
    {
        Task fetch;
        lock (_namespace.Gate)
        {
            if (_namespace.ViewOf(directory, _time.GetUtcNow()) is { } view)
            {
                return view;
            }

            if (!_inFlight.TryGetValue(directory.FolderId, out fetch!))
            {
                // The shared fetch must outlive any one caller's cancellation; each caller stops
                // waiting on its own token instead.
                fetch = Task.Run(() => FetchAsync(directory.FolderId), CancellationToken.None);
                _inFlight.Add(directory.FolderId, fetch);
            }
        }

        try
        {
            await fetch.WaitAsync(cancellationToken);
        }
        catch (FsException ex) when (ex.Error == FsError.Unavailable)
        {
            lock (_namespace.Gate)
            {
                if (_namespace.ViewOf(directory, _time.GetUtcNow(), allowStale: true) is { } stale)
                {
                    // We know what the folder held a moment ago: showing that beats failing every
                    // lookup. It stays expired, so the next access tries again.
                    Log.StaleListingServed(_logger, directory.FolderId, ex);
                    return stale;
                }
            }

            throw;
        }

        lock (_namespace.Gate)
        {
            return _namespace.ViewOf(directory, _time.GetUtcNow(), allowStale: true)
                ?? throw new FsException(FsError.Unavailable, $"folder {directory.FolderId} was listed but has no view");
        }
    }

    private void LoadSaved()
    {
        var now = _time.GetUtcNow();
        var saved = _store.LoadFresh(now);
        lock (_namespace.Gate)
        {
            foreach (var (listing, expiresAt) in saved)
            {
                // A clock set back must not make a saved listing live longer than a fetched one.
                _namespace.ApplyListing(listing, now, expiresAt < now + _cacheTime ? expiresAt : now + _cacheTime);
            }

            _namespace.TakeUnsaved();
        }

        Log.SavedListingsLoaded(_logger, saved.Count);
    }

    private async Task FetchAsync(long folderId)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var listing = await _drive.ListFolderAsync(folderId, _lifetime);
            var elapsed = Stopwatch.GetElapsedTime(started);
            Log.FolderListed(_logger, folderId, listing.Folders.Count, listing.Files.Count, elapsed);
            lock (_namespace.Gate)
            {
                var now = _time.GetUtcNow();
                _namespace.ApplyListing(listing, now, now + _cacheTime);
                _namespace.Sweep(now);
            }

            SaveChanged();
        }
        catch (Exception ex)
        {
            Log.FolderListingFailed(_logger, folderId, ex);
            throw;
        }
        finally
        {
            lock (_namespace.Gate)
            {
                _inFlight.Remove(folderId);
            }
        }
    }
}
