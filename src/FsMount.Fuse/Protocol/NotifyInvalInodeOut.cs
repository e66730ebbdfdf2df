using System.Runtime.InteropServices;

namespace FsMount.Fuse.Protocol;

/// <summary><c>fuse_notify_inval_inode_out</c> (24 bytes): a negative offset drops attributes only.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NotifyInvalInodeOut
{
    public ulong NodeId;
    public long Offset;
    public long Length;
}
