using FsMount.Core.Uploads;

namespace FsMount.Core.Vfs;

/// <summary>What the mount is doing, for <c>fsmount status</c>: read from counters the work keeps anyway, never a remote call.</summary>
public sealed partial class MountedFileSystem
{
    /// <summary>Every file still to upload, those running first, with the bytes each has sent.</summary>
    public IReadOnlyList<UploadActivity> UploadActivity => _uploads.Activity;

    /// <summary>Bytes of files read that the chunk cache holds now.</summary>
    public long ChunkCacheUsedBytes => _chunks.UsedBytes;

    /// <summary>The most bytes the chunk cache keeps (<see cref="FsMountOptions.ChunkCacheBytes"/>).</summary>
    public long ChunkCacheMaxBytes => _options.ChunkCacheBytes;
}
