using System.Runtime.InteropServices;

namespace FsMount.Fuse.Protocol;

/// <summary>
/// <c>fuse_getxattr_in</c> (8 bytes): GETXATTR (followed by the name) and LISTXATTR. A size of 0 asks
/// how large the value or the list is (answered with <see cref="GetXAttrOut"/>).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct GetXAttrIn
{
    public uint Size;
    public uint Padding;
}
