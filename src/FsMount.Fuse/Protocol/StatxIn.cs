using System.Runtime.InteropServices;

namespace FsMount.Fuse.Protocol;

/// <summary><c>fuse_statx_in</c> (24 bytes, protocol 7.39): STATX, which kernels send to ask for the birth time.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct StatxIn
{
    public uint GetAttrFlags;
    public uint Reserved;
    public ulong Handle;
    public uint StatxFlags;
    public uint StatxMask;
}
