using FsMount.Core.Remote;
using FsMount.Core.Vfs;

namespace FsMount.Core.Metadata;

/// <summary>
/// What one remote folder holds, as the mount shows it: the last remote listing, overlaid with the
/// changes our own mutations made that no listing has confirmed yet (the service lists a folder at
/// most once per 30 s, and may list a new file late). Used under the namespace lock only.
/// </summary>
/// <remarks>
/// <see cref="Added"/> entries (a mkdir, an upload, a rename or move in, a staged file) replace
/// whatever the listing says of the same key, and last until a listing shows the key here under the
/// same name; <see cref="Removed"/> keys (a delete, a move out, a file being overwritten) are hidden
/// until a listing no longer shows them. Both give up after the pending lifetime, in case another
/// client undid our change; staged entries never do.
/// </remarks>
internal sealed class DirectoryContents
{
    public DirectoryContents(long folderId)
    {
        FolderId = folderId;
    }

    public long FolderId { get; }

    public RemoteFolderListing? Listing { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; } = DateTimeOffset.MinValue;

    public Dictionary<EntryKey, PendingEntry> Added { get; } = [];

    public Dictionary<EntryKey, DateTimeOffset> Removed { get; } = [];

    /// <summary>The presented entries, rebuilt after every change; null until the folder is listed.</summary>
    public DirectoryView? View { get; set; }

    public bool HasPending => Added.Count > 0 || Removed.Count > 0;

    /// <summary>Whether it changed since it was last written to the cache database.</summary>
    public bool Unsaved { get; set; }

    public bool IsFresh(DateTimeOffset now) => Listing is not null && now < ExpiresAt;

    /// <summary>Shows an entry of ours here until a listing confirms it.</summary>
    public void Show(ListingEntry entry, DateTimeOffset now)
    {
        Removed.Remove(entry.Key);
        Added[entry.Key] = new PendingEntry(entry, now);
        Unsaved = true;
    }

    /// <summary>Hides a key here (ours or the listing's) until a listing no longer shows it.</summary>
    public void Hide(EntryKey key, DateTimeOffset now)
    {
        Added.Remove(key);
        if (key.Kind != EntryKind.Staged)
        {
            Removed[key] = now;
        }

        Unsaved = true;
    }

    /// <summary>Takes a new listing; pending changes it confirms, or that outlived <paramref name="pendingLifetime"/>, are dropped.</summary>
    public void ApplyListing(RemoteFolderListing listing, DateTimeOffset now, DateTimeOffset expiresAt, TimeSpan pendingLifetime)
    {
        Listing = listing;
        ExpiresAt = expiresAt;
        Unsaved = true;
        var listed = Entries(listing).ToDictionary(entry => entry.Key);
        foreach (var (key, since) in Removed.ToList())
        {
            if (!listed.ContainsKey(key) || now - since > pendingLifetime)
            {
                Removed.Remove(key);
            }
        }

        foreach (var (key, pending) in Added.ToList())
        {
            var confirmed = listed.TryGetValue(key, out var shown) && shown.RemoteName == pending.Entry.RemoteName;
            if (key.Kind != EntryKind.Staged && (confirmed || now - pending.Since > pendingLifetime))
            {
                Added.Remove(key);
            }
        }
    }

    /// <summary>The folder changed by other means than ours: the next access lists it again, and until then the listing is still there to serve if the service cannot be reached.</summary>
    public void Outdate() => ExpiresAt = DateTimeOffset.MinValue;

    /// <summary>Forgets the listing (it expired and nothing is pending); the next access lists again.</summary>
    public void Expire()
    {
        Listing = null;
        ExpiresAt = DateTimeOffset.MinValue;
        View = null;
    }

    /// <summary>The listing with the overlay applied, before names are presented.</summary>
    public IEnumerable<ListingEntry> Merged()
    {
        foreach (var entry in Listing is null ? [] : Entries(Listing))
        {
            if (!Removed.ContainsKey(entry.Key) && !Added.ContainsKey(entry.Key))
            {
                yield return entry;
            }
        }

        foreach (var pending in Added.Values)
        {
            yield return pending.Entry;
        }
    }

    /// <summary>
    /// What the service holds here as far as we know: the listing with our own changes applied, staged
    /// files left out (the upload journal has them). Null until the folder is listed.
    /// </summary>
    public RemoteFolderListing? Believed()
    {
        if (Listing is null)
        {
            return null;
        }

        var merged = Merged().ToList();
        return Listing with
        {
            Folders = merged.Where(entry => entry.Folder is not null).Select(entry => entry.Folder! with { Name = entry.RemoteName }).ToList(),
            Files = merged.Where(entry => entry.File is not null).Select(entry => entry.File! with { Name = entry.RemoteName }).ToList(),
        };
    }

    private static IEnumerable<ListingEntry> Entries(RemoteFolderListing listing) =>
        listing.Folders.Select(ListingEntry.ForFolder).Concat(listing.Files.Select(ListingEntry.ForFile));
}
