using System.Runtime.InteropServices;

namespace FsMount.Fuse.Protocol;

/// <summary>CREATE's reply (144 bytes): <c>fuse_entry_out</c> then <c>fuse_open_out</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct CreateOut
{
    public const int Size = EntryOut.Size + 16;

    public EntryOut Entry;
    public OpenOut Open;
}
