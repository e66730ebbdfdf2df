using System.Runtime.InteropServices;

namespace FsMount.Fuse.Protocol;

/// <summary><c>fuse_mkdir_in</c> (8 bytes), followed by the name.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct MkDirIn
{
    public uint Mode;
    public uint Umask;
}
