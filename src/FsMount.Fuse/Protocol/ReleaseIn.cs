using System.Runtime.InteropServices;

namespace FsMount.Fuse.Protocol;

/// <summary><c>fuse_release_in</c> (24 bytes): RELEASE and RELEASEDIR.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ReleaseIn
{
    public ulong Handle;
    public uint Flags;
    public uint ReleaseFlags;
    public ulong LockOwner;
}
