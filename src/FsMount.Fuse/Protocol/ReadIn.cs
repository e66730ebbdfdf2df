using System.Runtime.InteropServices;

namespace FsMount.Fuse.Protocol;

/// <summary><c>fuse_read_in</c> (40 bytes): READ, READDIR and READDIRPLUS.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ReadIn
{
    public ulong Handle;
    public ulong Offset;
    public uint Size;
    public uint ReadFlags;
    public ulong LockOwner;
    public uint Flags;
    public uint Padding;
}
