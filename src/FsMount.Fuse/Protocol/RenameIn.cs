using System.Runtime.InteropServices;

namespace FsMount.Fuse.Protocol;

/// <summary><c>fuse_rename_in</c> (8 bytes), followed by the old and the new name.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct RenameIn
{
    public ulong NewDirectory;
}
