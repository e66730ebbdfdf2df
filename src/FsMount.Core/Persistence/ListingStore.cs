using System.Text.Json;
using FsMount.Core.Remote;

namespace FsMount.Core.Persistence;

/// <summary>
/// Folder listings, with our own changes applied, in the cache database until they expire: a mount
/// restarted within a listing's time-to-live (a systemd restart, a crash, a user trying twice) serves
/// those folders from disk instead of asking the service, which allows one listing per folder per 30 s.
/// </summary>
internal sealed class ListingStore
{
    private readonly CacheDatabase _database;

    public ListingStore(CacheDatabase database)
    {
        _database = database;
    }

    /// <summary>The listings still fresh at <paramref name="now"/>; expired ones, and rows that cannot be read, are deleted.</summary>
    public List<(RemoteFolderListing Listing, DateTimeOffset ExpiresAt)> LoadFresh(DateTimeOffset now)
    {
        _database.Execute("DELETE FROM folder_listings WHERE expires_ticks <= $now", parameters => parameters.AddWithValue("$now", now.UtcTicks));
        var rows = _database.Query(
            "SELECT folder_id, expires_ticks, listing FROM folder_listings",
            row => (FolderId: row.GetInt64(0), ExpiresAt: new DateTimeOffset(row.GetInt64(1), TimeSpan.Zero), Json: row.GetString(2)));
        var fresh = new List<(RemoteFolderListing, DateTimeOffset)>(rows.Count);
        foreach (var (folderId, expiresAt, json) in rows)
        {
            try
            {
                fresh.Add((JsonSerializer.Deserialize(json, CoreJsonContext.Default.RemoteFolderListing) ?? throw new JsonException("null"), expiresAt));
            }
            catch (JsonException)
            {
                // Only a cache: the folder is listed again.
                _database.Execute("DELETE FROM folder_listings WHERE folder_id = $id", parameters => parameters.AddWithValue("$id", folderId));
            }
        }

        return fresh;
    }

    public void Save(RemoteFolderListing listing, DateTimeOffset expiresAt) =>
        _database.Execute(
            "INSERT OR REPLACE INTO folder_listings (folder_id, expires_ticks, listing) VALUES ($id, $expires, $listing)",
            parameters =>
            {
                parameters.AddWithValue("$id", listing.FolderId);
                parameters.AddWithValue("$expires", expiresAt.UtcTicks);
                parameters.AddWithValue("$listing", JsonSerializer.Serialize(listing, CoreJsonContext.Default.RemoteFolderListing));
            });
}
