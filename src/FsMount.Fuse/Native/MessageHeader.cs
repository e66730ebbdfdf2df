using System.Runtime.InteropServices;

namespace FsMount.Fuse.Native;

/// <summary><c>struct msghdr</c> (56 bytes on LP64 Linux: x86-64 and arm64), for recvmsg(2).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MessageHeader
{
    public void* Name;
    public uint NameLength;
    public IoVector* IoVectors;
    public nuint IoVectorCount;
    public void* Control;
    public nuint ControlLength;
    public int Flags;
}
