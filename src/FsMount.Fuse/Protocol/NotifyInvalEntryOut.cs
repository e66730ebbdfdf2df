using System.Runtime.InteropServices;

namespace FsMount.Fuse.Protocol;

/// <summary><c>fuse_notify_inval_entry_out</c> (16 bytes), followed by the name and a NUL.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NotifyInvalEntryOut
{
    public ulong Parent;
    public uint NameLength;
    public uint Flags;
}
