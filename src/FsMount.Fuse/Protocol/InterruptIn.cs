using System.Runtime.InteropServices;

namespace FsMount.Fuse.Protocol;

/// <summary><c>fuse_interrupt_in</c> (8 bytes): the unique id of the request to cancel.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct InterruptIn
{
    public ulong Unique;
}
