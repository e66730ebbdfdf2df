using System.Runtime.InteropServices;

namespace FsMount.Fuse.Protocol;

/// <summary>
/// <c>fuse_setxattr_in</c> as sent without FUSE_SETXATTR_EXT (<c>FUSE_COMPAT_SETXATTR_IN_SIZE</c>, 8
/// bytes), followed by the name, a NUL and the value.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SetXAttrIn
{
    public uint Size;
    public uint Flags;
}
