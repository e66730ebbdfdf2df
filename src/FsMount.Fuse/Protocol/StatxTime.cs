using System.Runtime.InteropServices;

namespace FsMount.Fuse.Protocol;

/// <summary><c>fuse_sx_time</c> (16 bytes): a statx(2) timestamp.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct StatxTime
{
    public long Seconds;
    public uint Nanoseconds;
    public int Reserved;
}
