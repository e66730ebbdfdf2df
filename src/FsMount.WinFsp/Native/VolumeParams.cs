using System.Runtime.InteropServices;

namespace FsMount.WinFsp.Native;

/// <summary>
/// FSP_FSCTL_VOLUME_PARAMS (fsctl.h), version 1: 504 bytes, the V0 fields in the first 456. It takes
/// effect as V1 only when <see cref="Version"/> is its size.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct VolumeParams
{
    public const ushort CurrentVersion = 504;
    public const int PrefixLength = 192;
    public const int FileSystemNameLength = 16;

    public ushort Version;
    public ushort SectorSize;
    public ushort SectorsPerAllocationUnit;
    public ushort MaxComponentLength;
    public ulong VolumeCreationTime;
    public uint VolumeSerialNumber;
    public uint TransactTimeout;
    public uint IrpTimeout;
    public uint IrpCapacity;
    public uint FileInfoTimeout;
    public VolumeFlags Flags;

    /// <summary>UNC prefix with one leading backslash (<c>\server\share</c>): a network drive.</summary>
    public fixed char Prefix[PrefixLength];

    public fixed char FileSystemName[FileSystemNameLength];

    public TimeoutValidFlags TimeoutsValid;
    public uint VolumeInfoTimeout;
    public uint DirInfoTimeout;
    public uint SecurityTimeout;
    public uint StreamInfoTimeout;
    public uint EaTimeout;
    public uint FsextControlCode;
    public uint Reserved32;
    public fixed ulong Reserved64[2];
}
