namespace FsMount.Fuse.Protocol;

/// <summary>The <c>fuse_init_in/out.flags</c> bits this server asks for.</summary>
[Flags]
internal enum InitFlags : uint
{
    None = 0,
    AsyncRead = 1u << 0,
    AtomicOpenTruncate = 1u << 3,
    BigWrites = 1u << 5,
    DoReadDirPlus = 1u << 13,
    ReadDirPlusAuto = 1u << 14,
    ParallelDirOps = 1u << 18,
    MaxPages = 1u << 22,
}
