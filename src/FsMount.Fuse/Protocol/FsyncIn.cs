using System.Runtime.InteropServices;

namespace FsMount.Fuse.Protocol;

/// <summary><c>fuse_fsync_in</c> (16 bytes): FSYNC and FSYNCDIR.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct FsyncIn
{
    public ulong Handle;
    public uint FsyncFlags;
    public uint Padding;
}
