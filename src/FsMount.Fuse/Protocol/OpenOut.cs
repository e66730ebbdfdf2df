using System.Runtime.InteropServices;

namespace FsMount.Fuse.Protocol;

/// <summary><c>fuse_open_out</c> (16 bytes): the handle the kernel passes back in later requests.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct OpenOut
{
    /// <summary>FOPEN_KEEP_CACHE: the pages the kernel cached for the file are still right.</summary>
    public const uint KeepCache = 1 << 1;

    public ulong Handle;
    public uint OpenFlags;
    public int BackingId;
}
