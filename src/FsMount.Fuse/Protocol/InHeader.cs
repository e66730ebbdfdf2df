using System.Runtime.InteropServices;

namespace FsMount.Fuse.Protocol;

/// <summary><c>fuse_in_header</c>: the 40 bytes at the start of every request.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct InHeader
{
    public const int Size = 40;

    public uint Length;
    public uint Opcode;
    public ulong Unique;
    public ulong NodeId;
    public uint Uid;
    public uint Gid;
    public uint Pid;
    public ushort TotalExtensionLength;
    public ushort Padding;
}
