using System.Runtime.InteropServices;

namespace FsMount.Fuse.Protocol;

/// <summary><c>fuse_write_out</c> (8 bytes): how many bytes were written.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct WriteOut
{
    public uint Size;
    public uint Padding;
}
