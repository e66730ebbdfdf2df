using System.Runtime.InteropServices;

namespace FsMount.WinFsp.Native;

/// <summary>FSP_FSCTL_FILE_INFO (fsctl.h, 72 bytes): what Windows is told about a file. Times are FILETIME ticks (100 ns since 1601, UTC).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct FspFileInfo
{
    public uint FileAttributes;
    public uint ReparseTag;
    public ulong AllocationSize;
    public ulong FileSize;
    public ulong CreationTime;
    public ulong LastAccessTime;
    public ulong LastWriteTime;
    public ulong ChangeTime;
    public ulong IndexNumber;
    public uint HardLinks;
    public uint EaSize;
}
