using System.Runtime.InteropServices;

namespace FsMount.Fuse.Protocol;

/// <summary>
/// <c>fuse_copy_file_range_in</c> (56 bytes), for COPY_FILE_RANGE and COPY_FILE_RANGE_64: the source
/// is the request's node and <see cref="SourceHandle"/>.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct CopyFileRangeIn
{
    public ulong SourceHandle;
    public ulong SourceOffset;
    public ulong DestinationNodeId;
    public ulong DestinationHandle;
    public ulong DestinationOffset;
    public ulong Length;
    public ulong Flags;
}
