using System.Runtime.InteropServices;

namespace FsMount.Fuse.Protocol;

/// <summary>
/// The part of <c>fuse_init_in</c> every kernel sends (16 bytes); <c>flags2</c> and the unused
/// words that 7.36+ kernels append are not needed because no bit above 31 is requested.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct InitIn
{
    public uint Major;
    public uint Minor;
    public uint MaxReadahead;
    public uint Flags;
}
