using System.Runtime.InteropServices;

namespace FsMount.Fuse.Protocol;

/// <summary><c>fuse_rename2_in</c> (16 bytes), followed by the old and the new name.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct Rename2In
{
    public const uint NoReplace = 1;   // RENAME_NOREPLACE
    public const uint Exchange = 2;    // RENAME_EXCHANGE

    public ulong NewDirectory;
    public uint Flags;
    public uint Padding;
}
