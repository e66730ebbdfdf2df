using System.Runtime.InteropServices;

namespace FsMount.Fuse.Protocol;

/// <summary><c>fuse_dirent</c> without its name (24 bytes). <see cref="NextCookie"/> is the offset of the entry after this one.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DirentHeader
{
    public const int Size = 24;

    public ulong Ino;
    public ulong NextCookie;
    public uint NameLength;
    public uint Type;
}
