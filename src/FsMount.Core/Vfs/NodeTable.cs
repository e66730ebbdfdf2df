using System.Diagnostics.CodeAnalysis;
using FsMount.Core.Metadata;

namespace FsMount.Core.Vfs;

/// <summary>
/// Node ids and their lookup counts. A node keeps its id while the kernel holds a reference; ids are
/// never reused, so a late FORGET of a dropped node cannot hit a newer one. Nodes that a directory
/// read created but the kernel never referenced are dropped when that directory's listing is
/// replaced or expires (<see cref="DropUnreferenced"/>), which bounds the table by the cached listings
/// plus what the kernel holds. (If a listing is replaced between a READDIRPLUS reply and the
/// adapter's <see cref="Retain"/>, the retain finds nothing and the kernel's next use of that id is
/// answered NotFound; it looks the name up again.)
/// </summary>
internal sealed class NodeTable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ulong, Node> _byId = [];
    private readonly Dictionary<NodeKey, Node> _byKey = [];
    private ulong _lastId = IVirtualFileSystem.RootNodeId;

    public NodeTable(long rootFolderId, DateTimeOffset rootCreated)
    {
        Root = new DirectoryNode(IVirtualFileSystem.RootNodeId, parent: null, rootFolderId, rootCreated);
        _byId.Add(Root.Id, Root);
        _byKey.Add(Root.Key, Root);
    }

    public DirectoryNode Root { get; }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byId.Count;
            }
        }
    }

    public bool TryGet(ulong nodeId, [NotNullWhen(true)] out Node? node)
    {
        lock (_gate)
        {
            return _byId.TryGetValue(nodeId, out node);
        }
    }

    /// <summary>The node for an entry of <paramref name="parent"/>, with one more lookup reference.</summary>
    public Node Acquire(DirectoryNode parent, ListingEntry entry) => Resolve(parent, entry, references: 1);

    /// <summary>The node for an entry of <paramref name="parent"/>, without a reference (directory reads).</summary>
    public Node Peek(DirectoryNode parent, ListingEntry entry) => Resolve(parent, entry, references: 0);

    public bool Retain(ulong nodeId)
    {
        lock (_gate)
        {
            if (!_byId.TryGetValue(nodeId, out var node))
            {
                return false;
            }

            node.LookupCount++;
            return true;
        }
    }

    public bool Forget(ulong nodeId, ulong count)
    {
        lock (_gate)
        {
            if (!_byId.TryGetValue(nodeId, out var node))
            {
                return false;
            }

            node.LookupCount = count >= node.LookupCount ? 0 : node.LookupCount - count;
            if (node.LookupCount == 0 && node != Root)
            {
                Remove(node);
            }

            return true;
        }
    }

    /// <summary>Drops the unreferenced nodes of a listing that is no longer served.</summary>
    public void DropUnreferenced(DirectoryListing listing)
    {
        lock (_gate)
        {
            foreach (var entry in listing.Entries)
            {
                if (_byKey.TryGetValue(KeyOf(entry), out var node)
                    && node.LookupCount == 0
                    && node.Parent?.FolderId == listing.FolderId)
                {
                    Remove(node);
                }
            }
        }
    }

    private Node Resolve(DirectoryNode parent, ListingEntry entry, ulong references)
    {
        var key = KeyOf(entry);
        lock (_gate)
        {
            if (_byKey.TryGetValue(key, out var node))
            {
                if (node != Root)
                {
                    node.Update(parent, entry);
                }
            }
            else
            {
                var id = ++_lastId;
                node = entry.File is { } file
                    ? new FileNode(id, parent, file)
                    : new DirectoryNode(id, parent, entry.Folder!.Id, entry.Folder.Created);
                _byId.Add(id, node);
                _byKey.Add(key, node);
            }

            node.LookupCount += references;
            return node;
        }
    }

    private void Remove(Node node)
    {
        _byId.Remove(node.Id);
        _byKey.Remove(node.Key);
    }

    private static NodeKey KeyOf(ListingEntry entry) =>
        entry.File is { } file ? NodeKey.ForFile(file.Id) : NodeKey.ForFolder(entry.Folder!.Id);
}
