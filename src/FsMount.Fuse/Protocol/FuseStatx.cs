using System.Runtime.InteropServices;

namespace FsMount.Fuse.Protocol;

/// <summary><c>fuse_statx</c> (256 bytes), laid out as statx(2)'s struct.</summary>
[StructLayout(LayoutKind.Sequential, Size = 256)]
internal struct FuseStatx
{
    // STATX_BASIC_STATS (type, mode, nlink, uid, gid, atime, mtime, ctime, ino, size, blocks) and STATX_BTIME.
    public const uint BasicStats = 0x7FF;
    public const uint BirthTime = 0x800;

    public uint Mask;
    public uint BlockSize;
    public ulong Attributes;
    public uint NLink;
    public uint Uid;
    public uint Gid;
    public ushort Mode;
    public ushort Spare0;
    public ulong Ino;
    public ulong Size;
    public ulong Blocks;
    public ulong AttributesMask;
    public StatxTime ATime;
    public StatxTime BTime;
    public StatxTime CTime;
    public StatxTime MTime;
    public uint RDevMajor;
    public uint RDevMinor;
    public uint DevMajor;
    public uint DevMinor;
}
