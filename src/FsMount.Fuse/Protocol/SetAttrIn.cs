using System.Runtime.InteropServices;

namespace FsMount.Fuse.Protocol;

/// <summary><c>fuse_setattr_in</c> (88 bytes); <see cref="Valid"/> says which fields count.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SetAttrIn
{
    public const uint ValidMode = 0x1;
    public const uint ValidUid = 0x2;
    public const uint ValidGid = 0x4;
    public const uint ValidSize = 0x8;
    public const uint ValidATime = 0x10;
    public const uint ValidMTime = 0x20;
    public const uint ValidHandle = 0x40;
    public const uint ValidATimeNow = 0x80;
    public const uint ValidMTimeNow = 0x100;

    public uint Valid;
    public uint Padding;
    public ulong Handle;
    public ulong Size;
    public ulong LockOwner;
    public ulong ATime;
    public ulong MTime;
    public ulong CTime;
    public uint ATimeNsec;
    public uint MTimeNsec;
    public uint CTimeNsec;
    public uint Mode;
    public uint Unused4;
    public uint Uid;
    public uint Gid;
    public uint Unused5;
}
