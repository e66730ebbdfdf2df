using System.Runtime.InteropServices;

namespace FsMount.Fuse.Protocol;

/// <summary><c>fuse_attr_out</c> (104 bytes): the GETATTR reply.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct AttrOut
{
    public ulong AttrValid;
    public uint AttrValidNsec;
    public uint Dummy;
    public FuseAttr Attr;
}
