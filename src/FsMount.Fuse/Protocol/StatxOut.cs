using System.Runtime.InteropServices;

namespace FsMount.Fuse.Protocol;

/// <summary><c>fuse_statx_out</c> (288 bytes): STATX's reply.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct StatxOut
{
    public const int Size = 288;

    public ulong AttrValid;
    public uint AttrValidNsec;
    public uint Flags;
    public ulong Spare0;
    public ulong Spare1;
    public FuseStatx Stat;
}
