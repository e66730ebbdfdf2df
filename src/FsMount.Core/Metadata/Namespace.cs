using FsMount.Core.Names;
using FsMount.Core.Persistence;
using FsMount.Core.Remote;
using FsMount.Core.Vfs;

namespace FsMount.Core.Metadata;

/// <summary>
/// The tree as the mount shows it: nodes, each folder's <see cref="DirectoryContents"/> and the
/// <see cref="DirectoryView"/> built from it. Everything here runs under <see cref="Gate"/>, and
/// nothing here waits on the network: callers do their remote calls outside the lock, then record
/// what they learnt. The kernel is told of changes it may have cached through the invalidator.
/// </summary>
internal sealed class Namespace
{
    private readonly Dictionary<long, DirectoryContents> _contents = [];
    private readonly KeptAttributeStore _kept;
    private readonly NamePolicy _names;
    private readonly StringComparer _nameComparer;
    private readonly TimeSpan _pendingLifetime;
    private IKernelCacheInvalidator? _invalidator;

    public Namespace(long rootFolderId, DateTimeOffset rootCreated, KeptAttributeStore kept, NamePolicy names, TimeSpan pendingLifetime)
    {
        Nodes = new NodeTable(rootFolderId, rootCreated);
        Nodes.Root.Kept = kept.Find(Nodes.Root.Key);
        _kept = kept;
        _names = names;
        _nameComparer = names.Comparer;
        _pendingLifetime = pendingLifetime;
    }

    /// <summary>Guards every node, content and view change.</summary>
    public Lock Gate { get; } = new();

    public NodeTable Nodes { get; }

    public KeptAttributeStore Kept => _kept;

    public void AttachInvalidator(IKernelCacheInvalidator invalidator) => _invalidator = invalidator;

    public DirectoryContents ContentsOf(long folderId)
    {
        if (!_contents.TryGetValue(folderId, out var contents))
        {
            contents = new DirectoryContents(folderId);
            _contents.Add(folderId, contents);
        }

        return contents;
    }

    /// <summary>The folder's contents if anything is known of it.</summary>
    public DirectoryContents? FindContents(long folderId) => _contents.GetValueOrDefault(folderId);

    /// <summary>Forgets a removed folder's contents.</summary>
    public void DropContents(long folderId) => _contents.Remove(folderId);

    /// <summary>The directory's view if its listing is still fresh (<paramref name="allowStale"/>: or at least known).</summary>
    public DirectoryView? ViewOf(DirectoryNode directory, DateTimeOffset now, bool allowStale = false)
    {
        if (!_contents.TryGetValue(directory.FolderId, out var contents) || contents.Listing is null || (!allowStale && !contents.IsFresh(now)))
        {
            return null;
        }

        if (contents.View is null || contents.View.Directory != directory)
        {
            Rebuild(directory, contents);
        }

        return contents.View;
    }

    /// <summary>Takes a folder's new listing and rebuilds its view if its node is known.</summary>
    public void ApplyListing(RemoteFolderListing listing, DateTimeOffset now, DateTimeOffset expiresAt)
    {
        var contents = ContentsOf(listing.FolderId);
        contents.ApplyListing(listing, now, expiresAt, _pendingLifetime);
        if (Nodes.Find(EntryKey.ForFolder(listing.FolderId)) is DirectoryNode directory)
        {
            var before = contents.View;
            Rebuild(directory, contents);

            // Names that appeared from elsewhere: the kernel may remember them as missing.
            if (before is not null && _invalidator is not null)
            {
                foreach (var (name, _) in contents.View!.Entries)
                {
                    if (!before.TryFind(name, out _))
                    {
                        _invalidator.InvalidateEntry(directory.Id, name);
                    }
                }
            }
        }
    }

    /// <summary>Rebuilds a folder's view after its overlay changed (no-op while the folder is not listed).</summary>
    public void Refresh(long folderId)
    {
        if (_contents.TryGetValue(folderId, out var contents)
            && contents.Listing is not null
            && Nodes.Find(EntryKey.ForFolder(folderId)) is DirectoryNode directory)
        {
            Rebuild(directory, contents);
        }
    }

    /// <summary>A folder changed by other means than ours (a remote upload): its listing is outdated and the kernel forgets what it cached of it.</summary>
    public void Outdate(long folderId)
    {
        if (_contents.TryGetValue(folderId, out var contents))
        {
            contents.Outdate();
            contents.Unsaved = true;
        }

        if (Nodes.Find(EntryKey.ForFolder(folderId)) is DirectoryNode directory)
        {
            InvalidateNode(directory, content: true);
        }
    }

    /// <summary>The folders that changed since they were last saved, as <see cref="DirectoryContents.Believed"/> says, with their expiry; marks them saved.</summary>
    public List<(RemoteFolderListing Listing, DateTimeOffset ExpiresAt)> TakeUnsaved()
    {
        var unsaved = new List<(RemoteFolderListing, DateTimeOffset)>();
        foreach (var contents in _contents.Values.Where(contents => contents.Unsaved))
        {
            contents.Unsaved = false;
            if (contents.Believed() is { } believed)
            {
                unsaved.Add((believed, contents.ExpiresAt));
            }
        }

        return unsaved;
    }

    /// <summary>Forgets listings that expired with nothing pending, and the nodes only they kept.</summary>
    public void Sweep(DateTimeOffset now)
    {
        foreach (var (folderId, contents) in _contents.ToList())
        {
            if (contents.IsFresh(now) || contents.HasPending)
            {
                continue;
            }

            if (contents.View is { } view)
            {
                foreach (var entry in view.Entries)
                {
                    if (entry.Node.Parent == view.Directory)
                    {
                        entry.Node.InView = false;
                        Nodes.DropIfUnused(entry.Node);
                    }
                }
            }

            contents.Expire();
            _contents.Remove(folderId);
        }
    }

    /// <summary>One more kernel reference; brings back a node that a refresh dropped while a snapshot still named it.</summary>
    public void Acquire(Node node)
    {
        node.LookupCount++;
        Nodes.Restore(node);
    }

    public void Release(Node node, ulong lookups, int opens)
    {
        node.LookupCount = lookups >= node.LookupCount ? 0 : node.LookupCount - lookups;
        node.OpenCount -= opens;
        Nodes.DropIfUnused(node);
    }

    /// <summary>A user's times or permissions, kept for the node's remote key.</summary>
    public void Keep(Node node, KeptAttributes attributes)
    {
        node.Kept = attributes;
        if (node.Key.Kind != EntryKind.Staged)
        {
            _kept.Set(node.Key, attributes);
        }
    }

    public void InvalidateNode(Node node, bool content) => _invalidator?.InvalidateNode(node.Id, content);

    private void Rebuild(DirectoryNode directory, DirectoryContents contents)
    {
        var previous = contents.View;
        var presented = DuplicateNames.Present(contents.Merged(), entry => ShownName(directory, entry), _names);
        var entries = new List<ViewEntry>(presented.Count);
        var shown = new HashSet<Node>();
        foreach (var (name, entry) in presented)
        {
            var node = Resolve(directory, entry, name);
            entries.Add(new ViewEntry(name, node));
            shown.Add(node);
        }

        contents.View = new DirectoryView(directory, entries, _nameComparer);
        if (previous is null)
        {
            return;
        }

        foreach (var (name, node) in previous.Entries)
        {
            if (!shown.Contains(node))
            {
                // A node moved elsewhere by our own rename belongs to its new folder's view now.
                if (node.Parent == directory)
                {
                    node.InView = false;
                    node.IsRemoved = true;
                    Nodes.DropIfUnused(node);
                }

                _invalidator?.InvalidateEntry(directory.Id, name);
            }
            else if (!_nameComparer.Equals(node.Name, name))
            {
                _invalidator?.InvalidateEntry(directory.Id, name);
            }
        }
    }

    private string? ShownName(DirectoryNode directory, ListingEntry entry) =>
        Nodes.Find(entry.Key) is { InView: true } node && node.Parent == directory ? node.Name : null;

    private Node Resolve(DirectoryNode directory, ListingEntry entry, string name)
    {
        var node = Nodes.Find(entry.Key);
        switch (node)
        {
            case DirectoryNode folder when entry.Folder is { } remote:
                folder.Created = remote.Created;
                break;
            case FileNode file when entry.File is { } remote:
                if (file.Remote is { } known && (known.Size != remote.Size || known.Uploaded != remote.Uploaded))
                {
                    // Changed behind our back (our own uploads rebind the node before the view sees them).
                    _invalidator?.InvalidateNode(file.Id, content: true);
                }

                file.Remote = remote;
                break;
            case FileNode file when entry.Staged is { } staged:
                file.Staged = staged;
                break;
            default:
                node = entry.Folder is { } newFolder
                    ? new DirectoryNode(Nodes.NextId(), directory, name, newFolder.Id, newFolder.Created)
                    : new FileNode(Nodes.NextId(), entry.Key, directory, name, entry.File, entry.Staged);
                if (entry.Key.Kind != EntryKind.Staged)
                {
                    node.Kept = _kept.Find(entry.Key);
                }

                Nodes.Add(node);
                break;
        }

        if (entry.Staged is { } stagedFile)
        {
            stagedFile.Node = (FileNode)node;
        }

        node.Parent = directory;
        node.Name = name;
        node.RemoteName = entry.RemoteName;
        node.InView = true;
        node.IsRemoved = false;
        return node;
    }
}
