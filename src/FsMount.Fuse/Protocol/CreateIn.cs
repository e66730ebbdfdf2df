using System.Runtime.InteropServices;

namespace FsMount.Fuse.Protocol;

/// <summary><c>fuse_create_in</c> (16 bytes), followed by the name.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct CreateIn
{
    public uint Flags;
    public uint Mode;
    public uint Umask;
    public uint OpenFlags;
}
