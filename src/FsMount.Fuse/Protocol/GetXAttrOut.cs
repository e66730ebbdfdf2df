using System.Runtime.InteropServices;

namespace FsMount.Fuse.Protocol;

/// <summary><c>fuse_getxattr_out</c> (8 bytes): the size of a value or a name list, when asked with size 0.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct GetXAttrOut
{
    public uint Size;
    public uint Padding;
}
