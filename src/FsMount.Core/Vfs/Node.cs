using FsMount.Core.Metadata;

namespace FsMount.Core.Vfs;

/// <summary>
/// A file or directory the kernel may refer to by <see cref="Id"/>. <see cref="NodeTable"/> owns the
/// mutable state (<see cref="Parent"/>, <see cref="Name"/>, <see cref="LookupCount"/>) and changes it
/// under its lock; everything else reads it as a possibly slightly stale snapshot.
/// </summary>
internal abstract class Node
{
    protected Node(ulong id, DirectoryNode? parent, string name)
    {
        Id = id;
        Parent = parent;
        Name = name;
    }

    public ulong Id { get; }

    /// <summary>The directory this node was last seen in; null only for the root.</summary>
    public DirectoryNode? Parent { get; private set; }

    /// <summary>The name this node was last presented under in <see cref="Parent"/>.</summary>
    public string Name { get; private set; }

    /// <summary>References the kernel holds (LOOKUP and READDIRPLUS replies minus FORGETs).</summary>
    public ulong LookupCount { get; set; }

    public abstract NodeKey Key { get; }

    public abstract NodeAttributes Attributes { get; }

    /// <summary>Takes the newest remote state of this node from a listing of its parent.</summary>
    public void Update(DirectoryNode parent, ListingEntry entry)
    {
        Parent = parent;
        Name = entry.Name;
        UpdateRemoteState(entry);
    }

    protected abstract void UpdateRemoteState(ListingEntry entry);
}
