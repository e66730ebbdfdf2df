namespace FsMount.Core.Vfs;

/// <summary>
/// What an adapter needs to describe a node to the operating system. Node ids are the core's own,
/// stable for as long as the kernel holds a reference; <see cref="IVirtualFileSystem.RootNodeId"/>
/// is the root.
/// </summary>
public readonly record struct NodeAttributes(
    ulong NodeId,
    bool IsDirectory,
    long Size,
    DateTimeOffset LastWriteTime,
    DateTimeOffset CreationTime);
