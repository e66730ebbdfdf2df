using System.Runtime.InteropServices;

namespace FsMount.Fuse.Native;

/// <summary><c>struct iovec</c> (16 bytes on LP64).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct IoVector
{
    public void* Base;
    public nuint Length;
}
