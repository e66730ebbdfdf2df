using FsMount.Core.Names;
using FsMount.Core.Remote;

namespace FsMount.Core.Metadata;

/// <summary>
/// One folder's entries as the mount presents them, from one remote listing, valid until
/// <see cref="ExpiresAt"/>. Immutable, so a directory read takes a consistent snapshot.
/// </summary>
internal sealed class DirectoryListing
{
    private readonly Dictionary<string, ListingEntry> _byName;

    public DirectoryListing(long folderId, RemoteFolderListing listing, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(listing);
        FolderId = folderId;
        ExpiresAt = expiresAt;
        Entries = DuplicateNames.Present(listing.Folders, listing.Files);
        _byName = Entries.ToDictionary(e => e.Name, StringComparer.Ordinal);
    }

    public long FolderId { get; }

    public DateTimeOffset ExpiresAt { get; }

    /// <summary>Ordered by name (ordinal), the order directory reads return.</summary>
    public IReadOnlyList<ListingEntry> Entries { get; }

    public bool TryFind(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ListingEntry? entry) =>
        _byName.TryGetValue(name, out entry);
}
