using System.Runtime.InteropServices;

namespace FsMount.WinFsp.Native;

/// <summary>FSP_FSCTL_VOLUME_INFO (fsctl.h, 88 bytes): sizes in bytes and the volume label (UTF-16, length in bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct VolumeInfo
{
    public const int MaxLabelLength = 32;

    public ulong TotalSize;
    public ulong FreeSize;
    public ushort VolumeLabelLength;
    public fixed char VolumeLabel[MaxLabelLength];
}
