namespace FsMount.Core.Vfs;

/// <summary>
/// A file or directory the kernel or an open handle may refer to by <see cref="Id"/>. The id never
/// changes; <see cref="Key"/>, the remote thing the node is bound to, may. <see cref="NodeTable"/>
/// owns the mutable state and changes it under the namespace lock; everything else reads it as a
/// possibly slightly stale snapshot.
/// </summary>
internal abstract class Node
{
    protected Node(ulong id, EntryKey key, DirectoryNode? parent, string name)
    {
        Id = id;
        Key = key;
        Parent = parent;
        Name = name;
        RemoteName = name;
    }

    public ulong Id { get; }

    public EntryKey Key { get; set; }

    /// <summary>The directory this node was last seen in; null only for the root.</summary>
    public DirectoryNode? Parent { get; set; }

    /// <summary>The name under which <see cref="Parent"/> presents it (or last presented it).</summary>
    public string Name { get; set; }

    /// <summary>The name the service knows it by (differs from <see cref="Name"/> for a duplicate shown under a generated name).</summary>
    public string RemoteName { get; set; }

    /// <summary>References the kernel holds (LOOKUP, CREATE, MKDIR and READDIRPLUS replies minus FORGETs).</summary>
    public ulong LookupCount { get; set; }

    /// <summary>Open file or directory handles on this node.</summary>
    public int OpenCount { get; set; }

    /// <summary>Whether the node is an entry of its parent's current view.</summary>
    public bool InView { get; set; }

    /// <summary>Whether the node was unlinked or replaced; it lives on only for those still holding it.</summary>
    public bool IsRemoved { get; set; }

    /// <summary>Times and permissions the user set, which the service cannot keep (null: the defaults).</summary>
    public KeptAttributes? Kept { get; set; }

    public bool IsReferenced => LookupCount > 0 || OpenCount > 0;
}
