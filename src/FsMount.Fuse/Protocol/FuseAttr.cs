using System.Runtime.InteropServices;

namespace FsMount.Fuse.Protocol;

/// <summary><c>fuse_attr</c> (88 bytes): what <c>stat</c> shows for one inode.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct FuseAttr
{
    public ulong Ino;
    public ulong Size;
    public ulong Blocks;
    public ulong ATime;
    public ulong MTime;
    public ulong CTime;
    public uint ATimeNsec;
    public uint MTimeNsec;
    public uint CTimeNsec;
    public uint Mode;
    public uint NLink;
    public uint Uid;
    public uint Gid;
    public uint RDev;
    public uint BlockSize;
    public uint Flags;
}
