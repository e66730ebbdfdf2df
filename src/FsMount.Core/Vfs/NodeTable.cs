using System.Diagnostics.CodeAnalysis;

namespace FsMount.Core.Vfs;

/// <summary>
/// Node ids and remote keys. A node is kept while its parent's view shows it or anything holds it
/// (kernel lookup references, open handles); ids are never reused, so a late FORGET of a dropped node
/// cannot hit a newer one. Not thread-safe: the namespace uses it under its lock.
/// </summary>
internal sealed class NodeTable
{
    private readonly Dictionary<ulong, Node> _byId = [];
    private readonly Dictionary<EntryKey, Node> _byKey = [];
    private ulong _lastId = IVirtualFileSystem.RootNodeId;

    public NodeTable(long rootFolderId, DateTimeOffset rootCreated)
    {
        Root = new DirectoryNode(IVirtualFileSystem.RootNodeId, parent: null, string.Empty, rootFolderId, rootCreated) { InView = true };
        _byId.Add(Root.Id, Root);
        _byKey.Add(Root.Key, Root);
    }

    public DirectoryNode Root { get; }

    public int Count => _byId.Count;

    public bool TryGet(ulong nodeId, [NotNullWhen(true)] out Node? node) => _byId.TryGetValue(nodeId, out node);

    public Node? Find(EntryKey key) => _byKey.GetValueOrDefault(key);

    public ulong NextId() => ++_lastId;

    public void Add(Node node)
    {
        _byId[node.Id] = node;
        _byKey[node.Key] = node;
    }

    /// <summary>Puts back a node that was dropped while something (a directory snapshot) still held it.</summary>
    public void Restore(Node node)
    {
        _byId.TryAdd(node.Id, node);
        _byKey.TryAdd(node.Key, node);
    }

    /// <summary>Binds a node to another remote key (a staged copy replaced its remote file, an upload landed).</summary>
    public void Rekey(Node node, EntryKey key)
    {
        if (node.Key == key)
        {
            return;
        }

        if (_byKey.TryGetValue(node.Key, out var bound) && bound == node)
        {
            _byKey.Remove(node.Key);
        }

        node.Key = key;
        _byKey[key] = node;
    }

    /// <summary>Drops a node that nothing shows or holds any more.</summary>
    public void DropIfUnused(Node node)
    {
        if (node == Root || node.InView || node.IsReferenced)
        {
            return;
        }

        _byId.Remove(node.Id);
        if (_byKey.TryGetValue(node.Key, out var bound) && bound == node)
        {
            _byKey.Remove(node.Key);
        }
    }
}
