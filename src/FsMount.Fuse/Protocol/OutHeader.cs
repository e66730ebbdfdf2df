using System.Runtime.InteropServices;

namespace FsMount.Fuse.Protocol;

/// <summary><c>fuse_out_header</c>: the 16 bytes at the start of every reply.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct OutHeader
{
    public const int Size = 16;

    public uint Length;
    public int Error;
    public ulong Unique;
}
