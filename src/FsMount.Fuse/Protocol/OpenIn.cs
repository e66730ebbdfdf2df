using System.Runtime.InteropServices;

namespace FsMount.Fuse.Protocol;

/// <summary><c>fuse_open_in</c> (8 bytes): the open(2) flags of OPEN and OPENDIR.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct OpenIn
{
    public const uint AccessModeMask = 0x3;
    public const uint ReadOnly = 0x0;

    public uint Flags;
    public uint OpenFlags;
}
