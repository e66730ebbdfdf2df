using System.Runtime.InteropServices;

namespace FsMount.Fuse.Protocol;

/// <summary>
/// <c>fuse_lseek_in</c> (24 bytes). The kernel sends only SEEK_DATA and SEEK_HOLE; it answers
/// SEEK_SET, SEEK_CUR and SEEK_END itself.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct LseekIn
{
    public const uint SeekData = 3;
    public const uint SeekHole = 4;

    public ulong Handle;
    public ulong Offset;
    public uint Whence;
    public uint Padding;
}
