using System.Runtime.InteropServices;

namespace FsMount.Fuse.Protocol;

/// <summary><c>fuse_forget_in</c> (8 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ForgetIn
{
    public ulong LookupCount;
}
