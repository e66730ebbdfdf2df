namespace FsMount.WinFsp.Native;

/// <summary>The V1 bits of FSP_FSCTL_VOLUME_PARAMS saying which specific timeouts override FileInfoTimeout.</summary>
[Flags]
internal enum TimeoutValidFlags : uint
{
    None = 0,
    VolumeInfo = 1u << 0,
    DirInfo = 1u << 1,
    Security = 1u << 2,
}
