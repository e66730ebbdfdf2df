using System.Runtime.InteropServices;

namespace FsMount.Fuse.Protocol;

/// <summary><c>fuse_poll_out</c> (8 bytes): the events that are ready.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PollOut
{
    // POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM: the kernel's DEFAULT_POLLMASK, what a regular file always is.
    public const uint AlwaysReady = 0x1 | 0x4 | 0x40 | 0x100;

    public uint ReadyEvents;
    public uint Padding;
}
