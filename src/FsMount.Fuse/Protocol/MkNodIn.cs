using System.Runtime.InteropServices;

namespace FsMount.Fuse.Protocol;

/// <summary><c>fuse_mknod_in</c> (16 bytes), followed by the name.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct MkNodIn
{
    public uint Mode;
    public uint Rdev;
    public uint Umask;
    public uint Padding;
}
