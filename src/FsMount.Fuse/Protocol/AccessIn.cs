using System.Runtime.InteropServices;

namespace FsMount.Fuse.Protocol;

/// <summary><c>fuse_access_in</c> (8 bytes): access(2)'s mode (R_OK 4, W_OK 2, X_OK 1; 0 is F_OK).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct AccessIn
{
    public const uint Read = 4;
    public const uint Write = 2;
    public const uint Execute = 1;

    public uint Mask;
    public uint Padding;
}
