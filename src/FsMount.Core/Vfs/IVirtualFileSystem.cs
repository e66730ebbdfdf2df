using FsMount.Core.Errors;

namespace FsMount.Core.Vfs;

/// <summary>
/// The platform-neutral file system that the FUSE and WinFsp adapters serve. It owns node ids,
/// handles and every policy; adapters only decode requests, call it and encode replies.
/// Every method is safe to call concurrently.
/// </summary>
public interface IVirtualFileSystem
{
    /// <summary>The node id of the root directory (FUSE's root id).</summary>
    const ulong RootNodeId = 1;

    /// <summary>Finds <paramref name="name"/> in a directory. A success adds one lookup reference to the node.</summary>
    ValueTask<FsResult<NodeAttributes>> LookupAsync(ulong parentNodeId, string name, CancellationToken cancellationToken);

    /// <summary>Adds one lookup reference to a node the caller has just handed out (e.g. a READDIRPLUS entry).</summary>
    void Retain(ulong nodeId);

    /// <summary>Drops <paramref name="count"/> lookup references; the node id may be reused once none remain.</summary>
    void Forget(ulong nodeId, ulong count);

    ValueTask<FsResult<NodeAttributes>> GetAttributesAsync(ulong nodeId, CancellationToken cancellationToken);

    /// <summary>
    /// A snapshot of a directory's entries in a stable order, without "." and "..". Entries carry
    /// their attributes but no lookup reference.
    /// </summary>
    ValueTask<FsResult<IReadOnlyList<DirectoryEntry>>> ReadDirectoryAsync(ulong nodeId, CancellationToken cancellationToken);

    /// <summary>Opens a file for reading and returns a handle id.</summary>
    ValueTask<FsResult<ulong>> OpenAsync(ulong nodeId, CancellationToken cancellationToken);

    /// <summary>Reads into <paramref name="buffer"/> from <paramref name="offset"/>; fewer bytes only at end of file.</summary>
    ValueTask<FsResult<int>> ReadAsync(ulong handleId, long offset, Memory<byte> buffer, CancellationToken cancellationToken);

    /// <summary>Closes a handle. Unknown handles are ignored.</summary>
    ValueTask ReleaseAsync(ulong handleId);

    ValueTask<FsResult<FileSystemStatistics>> GetStatisticsAsync(CancellationToken cancellationToken);
}
