using System.Runtime.InteropServices;

namespace FsMount.Fuse.Protocol;

/// <summary><c>fuse_open_in</c> (8 bytes): the open(2) flags of OPEN and OPENDIR.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct OpenIn
{
    // open(2) flags, as the kernel passes them through (OPEN, and CREATE's fuse_create_in.flags).
    public const uint AccessModeMask = 0x3;
    public const uint ReadOnly = 0x0;
    public const uint WriteOnly = 0x1;
    public const uint ReadWrite = 0x2;
    public const uint Exclusive = 0x80;     // O_EXCL
    public const uint Truncate = 0x200;     // O_TRUNC
    public const uint Append = 0x400;       // O_APPEND

    public uint Flags;
    public uint OpenFlags;
}
