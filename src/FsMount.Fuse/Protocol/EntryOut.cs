using System.Runtime.InteropServices;

namespace FsMount.Fuse.Protocol;

/// <summary><c>fuse_entry_out</c> (128 bytes): a name resolved to a node, with cache lifetimes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct EntryOut
{
    public const int Size = 128;

    public ulong NodeId;
    public ulong Generation;
    public ulong EntryValid;
    public ulong AttrValid;
    public uint EntryValidNsec;
    public uint AttrValidNsec;
    public FuseAttr Attr;
}
