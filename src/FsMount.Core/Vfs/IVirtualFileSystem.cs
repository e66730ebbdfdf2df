using FsMount.Core.Errors;

namespace FsMount.Core.Vfs;

/// <summary>
/// The platform-neutral file system that the FUSE and WinFsp adapters serve. It owns node ids,
/// file and directory handles and every policy (read-only, names, what a write does); adapters
/// only translate requests, call it and translate replies. Every method is safe to call concurrently.
/// </summary>
/// <remarks>
/// Lookup references are the kernel's: each successful <see cref="LookupAsync"/>,
/// <see cref="CreateAsync"/>, <see cref="MakeFileAsync"/>, <see cref="CreateDirectoryAsync"/> and
/// <see cref="RetainDirectoryEntry"/> adds one, <see cref="Forget"/> removes them. A node keeps its
/// id while it has references or open handles, whatever happens to the remote file behind it.
/// </remarks>
public interface IVirtualFileSystem
{
    /// <summary>The node id of the root directory (FUSE's root id).</summary>
    const ulong RootNodeId = 1;

    /// <summary>Tells the core where to report changes the kernel may have cached.</summary>
    void AttachInvalidator(IKernelCacheInvalidator invalidator);

    /// <summary>Finds <paramref name="name"/> in a directory. A success adds one lookup reference to the node.</summary>
    ValueTask<FsResult<NodeAttributes>> LookupAsync(ulong parentNodeId, string name, CancellationToken cancellationToken);

    /// <summary>Drops <paramref name="count"/> lookup references.</summary>
    void Forget(ulong nodeId, ulong count);

    ValueTask<FsResult<NodeAttributes>> GetAttributesAsync(ulong nodeId, CancellationToken cancellationToken);

    /// <summary>Changes size, times or permissions, through <paramref name="handleId"/> when the caller has one open.</summary>
    ValueTask<FsResult<NodeAttributes>> SetAttributesAsync(ulong nodeId, ulong? handleId, AttributeChanges changes, CancellationToken cancellationToken);

    /// <summary>Opens a directory: a snapshot of its entries (without "." and "..") in a stable order, kept until released.</summary>
    ValueTask<FsResult<ulong>> OpenDirectoryAsync(ulong nodeId, CancellationToken cancellationToken);

    /// <summary>The entries of an open directory as they were at open.</summary>
    FsResult<IReadOnlyList<DirectoryEntry>> ReadDirectory(ulong directoryHandleId);

    /// <summary>
    /// Adds one lookup reference to entry <paramref name="index"/> of an open directory, as a
    /// READDIRPLUS reply hands it out. Atomic with respect to refreshes: the node the snapshot names
    /// stays valid even if a newer listing dropped it meanwhile. False for an unknown handle or index.
    /// </summary>
    bool RetainDirectoryEntry(ulong directoryHandleId, int index);

    void ReleaseDirectory(ulong directoryHandleId);

    /// <summary>Opens a file and returns a handle.</summary>
    ValueTask<FsResult<OpenedFile>> OpenAsync(ulong nodeId, OpenOptions options, CancellationToken cancellationToken);

    /// <summary>
    /// Creates and opens a file (<paramref name="exclusive"/>: fail when the name exists; otherwise an
    /// existing file is opened with <paramref name="options"/>). A success adds one lookup reference.
    /// </summary>
    ValueTask<FsResult<OpenedFile>> CreateAsync(ulong parentNodeId, string name, uint permissions, bool exclusive, OpenOptions options, CancellationToken cancellationToken);

    /// <summary>Creates an empty file without opening it (mknod). A success adds one lookup reference.</summary>
    ValueTask<FsResult<NodeAttributes>> MakeFileAsync(ulong parentNodeId, string name, uint permissions, CancellationToken cancellationToken);

    /// <summary>Reads into <paramref name="buffer"/> from <paramref name="offset"/>; fewer bytes only at end of file.</summary>
    ValueTask<FsResult<int>> ReadAsync(ulong handleId, long offset, Memory<byte> buffer, CancellationToken cancellationToken);

    /// <summary>Writes all of <paramref name="data"/> at <paramref name="offset"/> (at the end for a handle opened to append).</summary>
    ValueTask<FsResult<int>> WriteAsync(ulong handleId, long offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>Extends a file to at least <paramref name="offset"/> + <paramref name="length"/> bytes (fallocate without flags).</summary>
    ValueTask<FsError> AllocateAsync(ulong handleId, long offset, long length, CancellationToken cancellationToken);

    /// <summary>A descriptor of the handle is being closed: what was written is recorded in the upload queue's journal (durably) before this returns.</summary>
    ValueTask<FsError> FlushAsync(ulong handleId, CancellationToken cancellationToken);

    /// <summary>fsync(2): what was written reaches the local disk (uploads still happen after close).</summary>
    ValueTask<FsError> SyncAsync(ulong handleId, CancellationToken cancellationToken);

    /// <summary>Closes a handle; the last writer's close schedules the upload. Unknown handles are ignored.</summary>
    ValueTask ReleaseAsync(ulong handleId);

    /// <summary>Creates a directory. A success adds one lookup reference.</summary>
    ValueTask<FsResult<NodeAttributes>> CreateDirectoryAsync(ulong parentNodeId, string name, uint permissions, CancellationToken cancellationToken);

    /// <summary>Removes a file (unlink).</summary>
    ValueTask<FsError> RemoveFileAsync(ulong parentNodeId, string name, CancellationToken cancellationToken);

    /// <summary>Removes an empty directory.</summary>
    ValueTask<FsError> RemoveDirectoryAsync(ulong parentNodeId, string name, CancellationToken cancellationToken);

    /// <summary>Moves and/or renames an entry; with <see cref="RenameOptions.Replace"/> an existing target is replaced.</summary>
    ValueTask<FsError> RenameAsync(ulong parentNodeId, string name, ulong newParentNodeId, string newName, RenameOptions options, CancellationToken cancellationToken);

    ValueTask<FsResult<FileSystemStatistics>> GetStatisticsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Whether the mount's user may use the node as <paramref name="modes"/> asks (access(2)): the
    /// same answer an open or an exec would get, so a tool that checks first is never told otherwise.
    /// </summary>
    ValueTask<FsError> CheckAccessAsync(ulong nodeId, AccessModes modes, CancellationToken cancellationToken);

    /// <summary>The names of the node's extended attributes.</summary>
    ValueTask<FsResult<IReadOnlyList<string>>> ListExtendedAttributesAsync(ulong nodeId, CancellationToken cancellationToken);

    /// <summary>An extended attribute's value; <see cref="FsError.NoAttribute"/> when the node has none of that name.</summary>
    ValueTask<FsResult<byte[]>> GetExtendedAttributeAsync(ulong nodeId, string name, CancellationToken cancellationToken);

    /// <summary>Sets an extended attribute.</summary>
    ValueTask<FsError> SetExtendedAttributeAsync(ulong nodeId, string name, ReadOnlyMemory<byte> value, CancellationToken cancellationToken);

    /// <summary>Removes an extended attribute; <see cref="FsError.NoAttribute"/> when the node has none of that name.</summary>
    ValueTask<FsError> RemoveExtendedAttributeAsync(ulong nodeId, string name, CancellationToken cancellationToken);

    /// <summary>
    /// The first offset at or after <paramref name="offset"/> that holds data, or starts a hole (the
    /// end of the file counts as one); <see cref="FsError.PastEndOfFile"/> when the offset is at or past the end.
    /// </summary>
    ValueTask<FsResult<long>> SeekAsync(ulong handleId, long offset, SeekTarget target, CancellationToken cancellationToken);

    /// <summary>
    /// Copies <paramref name="length"/> bytes from one open file into another without passing them
    /// through the caller, and returns how many were copied. <see cref="FsError.NotSupported"/> when
    /// this copy cannot be made that way: the caller then copies through reads and writes.
    /// </summary>
    ValueTask<FsResult<long>> CopyFileRangeAsync(ulong sourceHandleId, long sourceOffset, ulong destinationHandleId, long destinationOffset, long length, CancellationToken cancellationToken);

    /// <summary>
    /// Finds a node by its path from the root, one name per directory (none: the root), for systems
    /// that name files by path (WinFsp). Names match as <see cref="LookupAsync"/> matches them (the
    /// mount's case rule). A success adds one lookup reference to the node, as a lookup does, and
    /// gives each name as its directory shows it.
    /// </summary>
    ValueTask<FsResult<ResolvedPath>> LookupPathAsync(IReadOnlyList<string> names, CancellationToken cancellationToken);

    /// <summary>
    /// Whether <see cref="RemoveFileAsync"/> or <see cref="RemoveDirectoryAsync"/> of the entry would be
    /// refused now (read-only, not there, a folder that is not empty), without removing anything: for
    /// systems that decide a delete when the file is opened or marked and carry it out at close, where
    /// a failure can no longer be reported (Windows).
    /// </summary>
    ValueTask<FsError> CheckRemoveAsync(ulong parentNodeId, string name, CancellationToken cancellationToken);
}
