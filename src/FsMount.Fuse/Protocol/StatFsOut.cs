using System.Runtime.InteropServices;

namespace FsMount.Fuse.Protocol;

/// <summary><c>fuse_statfs_out</c> / <c>fuse_kstatfs</c> (80 bytes).</summary>
[StructLayout(LayoutKind.Sequential, Size = 80)]
internal struct StatFsOut
{
    public ulong Blocks;
    public ulong FreeBlocks;
    public ulong AvailableBlocks;
    public ulong Files;
    public ulong FreeFiles;
    public uint BlockSize;
    public uint NameLength;
    public uint FragmentSize;
}
