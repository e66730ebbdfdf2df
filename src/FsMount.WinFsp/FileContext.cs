namespace FsMount.WinFsp;

/// <summary>
/// One open of a file or directory (WinFsp's file descriptor). It holds one lookup reference on its
/// node, so the node keeps its id until Close; a file also holds a core handle, which an overwrite
/// replaces; a directory holds the listing its enumeration pages through.
/// </summary>
internal sealed class FileContext
{
    private ulong _handleId;
    private DirectoryListing? _listing;

    public FileContext(ulong nodeId, bool isDirectory, ulong handleId = 0)
    {
        NodeId = nodeId;
        IsDirectory = isDirectory;
        _handleId = handleId;
    }

    public ulong NodeId { get; }

    public bool IsDirectory { get; }

    /// <summary>The core's file handle (none for a directory).</summary>
    public ulong HandleId => Volatile.Read(ref _handleId);

    /// <summary>The snapshot the current enumeration pages through, taken when it started.</summary>
    public DirectoryListing? Listing
    {
        get => Volatile.Read(ref _listing);
        set => Volatile.Write(ref _listing, value);
    }

    /// <summary>Puts <paramref name="handleId"/> in place of the current handle and returns the one it replaced.</summary>
    public ulong ReplaceHandle(ulong handleId) => Interlocked.Exchange(ref _handleId, handleId);
}
