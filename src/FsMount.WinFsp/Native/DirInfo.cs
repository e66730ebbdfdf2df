using System.Runtime.InteropServices;

namespace FsMount.WinFsp.Native;

/// <summary>
/// The fixed part of FSP_FSCTL_DIR_INFO (fsctl.h, 104 bytes); the name follows in UTF-16 without a
/// terminator, and <see cref="Size"/> counts both. Entries are packed 8-byte aligned; a zero
/// <see cref="Size"/> ends the listing.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct DirInfo
{
    public const int Alignment = 8;

    public ushort Size;
    public FspFileInfo FileInfo;

    // A union with a next-offset field in the header, sized so the kernel can copy entries in place.
    public fixed byte Padding[24];
}
