namespace FsMount.Core.Vfs;

/// <summary>
/// What an adapter needs to describe a node to the operating system. Node ids are the core's own,
/// stable for as long as anything (the kernel, an open handle) holds the node;
/// <see cref="IVirtualFileSystem.RootNodeId"/> is the root. <see cref="Permissions"/> holds the
/// permission bits only (0777 and the set-id/sticky bits), already reduced on a read-only mount.
/// </summary>
public readonly record struct NodeAttributes(
    ulong NodeId,
    bool IsDirectory,
    long Size,
    DateTimeOffset LastWriteTime,
    DateTimeOffset LastAccessTime,
    DateTimeOffset CreationTime,
    uint Permissions);
