using System.Runtime.InteropServices;

namespace FsMount.Fuse.Protocol;

/// <summary><c>fuse_forget_one</c> (16 bytes): one node of a BATCH_FORGET.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ForgetOne
{
    public ulong NodeId;
    public ulong LookupCount;
}
