using System.Runtime.InteropServices;

namespace FsMount.WinFsp.Native;

/// <summary>
/// FSP_FILE_SYSTEM (winfsp.h), as laid out in a 64-bit process (792 bytes; the header asserts it).
/// FsMount reads only <see cref="UserContext"/>, where the host keeps a handle to itself; the rest
/// is WinFsp's and is declared so the size can be checked.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct FspFileSystem
{
    public const int VolumeNameLength = 256;
    public const int TransactKindCount = 22;

    public ushort Version;
    public nint UserContext;
    public fixed char VolumeName[VolumeNameLength];
    public nint VolumeHandle;
    public nint EnterOperation;
    public nint LeaveOperation;
    public fixed ulong Operations[TransactKindCount];
    public nint Interface;
    public nint DispatcherThread;
    public uint DispatcherThreadCount;
    public int DispatcherResult;
    public char* MountPoint;
    public nint MountHandle;
    public uint DebugLog;
    public int OpGuardStrategy;
    public nint OpGuardLock;
    public byte UmFileContextIsUserContext2;
    public byte UmFileContextIsFullContext;
    public ushort UmFlags;
}
