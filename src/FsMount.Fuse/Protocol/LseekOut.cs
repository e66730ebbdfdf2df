using System.Runtime.InteropServices;

namespace FsMount.Fuse.Protocol;

/// <summary><c>fuse_lseek_out</c> (8 bytes): the offset found.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct LseekOut
{
    public ulong Offset;
}
