using System.Runtime.InteropServices;

namespace FsMount.Fuse.Protocol;

/// <summary><c>fuse_flush_in</c> (24 bytes): sent at every close(2) of a descriptor.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct FlushIn
{
    public ulong Handle;
    public uint Unused;
    public uint Padding;
    public ulong LockOwner;
}
