using FsMount.Core.Metadata;

namespace FsMount.Core.Vfs;

/// <summary>
/// A file or directory the kernel may refer to by <see cref="Id"/>. <see cref="NodeTable"/> owns the
/// mutable state (<see cref="Parent"/>, <see cref="LookupCount"/>) and changes it under its lock;
/// everything else reads it as a possibly slightly stale snapshot.
/// </summary>
internal abstract class Node
{
    protected Node(ulong id, DirectoryNode? parent)
    {
        Id = id;
        Parent = parent;
    }

    public ulong Id { get; }

    /// <summary>The directory this node was last seen in; null only for the root.</summary>
    public DirectoryNode? Parent { get; private set; }

    /// <summary>References the kernel holds (LOOKUP and READDIRPLUS replies minus FORGETs).</summary>
    public ulong LookupCount { get; set; }

    public abstract NodeKey Key { get; }

    public abstract NodeAttributes Attributes { get; }

    /// <summary>Takes the newest remote state of this node from a listing of its parent.</summary>
    public void Update(DirectoryNode parent, ListingEntry entry)
    {
        Parent = parent;
        UpdateRemoteState(entry);
    }

    protected abstract void UpdateRemoteState(ListingEntry entry);
}
