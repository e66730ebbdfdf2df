namespace FsMount.Core.Vfs;

/// <summary>An open handle and the attributes of the file it opened (a create also adds one lookup reference to the node).</summary>
public readonly record struct OpenedFile(ulong HandleId, NodeAttributes Attributes)
{
    /// <summary>
    /// The content is the one an earlier open of the node read, so pages the kernel cached from it
    /// are still right and need not be read again (FUSE's FOPEN_KEEP_CACHE).
    /// </summary>
    public bool KeepCache { get; init; }
}
