using System.Runtime.InteropServices;

namespace FsMount.Fuse.Protocol;

/// <summary><c>fuse_write_in</c> (40 bytes), followed by the data.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct WriteIn
{
    public ulong Handle;
    public ulong Offset;
    public uint Size;
    public uint WriteFlags;
    public ulong LockOwner;
    public uint Flags;
    public uint Padding;
}
