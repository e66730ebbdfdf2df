using System.Runtime.InteropServices;

namespace FsMount.Fuse.Protocol;

/// <summary><c>fuse_poll_in</c> (24 bytes): <see cref="Events"/> is poll(2)'s event mask.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PollIn
{
    public ulong Handle;
    public ulong KernelHandle;
    public uint Flags;
    public uint Events;
}
