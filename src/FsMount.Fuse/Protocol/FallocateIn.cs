using System.Runtime.InteropServices;

namespace FsMount.Fuse.Protocol;

/// <summary><c>fuse_fallocate_in</c> (32 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct FallocateIn
{
    public ulong Handle;
    public ulong Offset;
    public ulong Length;
    public uint Mode;
    public uint Padding;
}
