using System.Runtime.InteropServices;

namespace FsMount.WinFsp.Native;

/// <summary>
/// FSP_FSCTL_OPEN_FILE_INFO (fsctl.h): Create and Open receive a pointer to its <see cref="FileInfo"/>
/// (FspFileSystemGetOpenFileInfo casts it back), and may write the name in its true case into
/// <see cref="NormalizedName"/>, a buffer of <see cref="NormalizedNameSize"/> bytes, setting the size
/// to the bytes written. Without it WinFsp keeps an upper-cased name on a case-insensitive volume.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct OpenFileInfo
{
    public FspFileInfo FileInfo;
    public char* NormalizedName;
    public ushort NormalizedNameSize;
}
