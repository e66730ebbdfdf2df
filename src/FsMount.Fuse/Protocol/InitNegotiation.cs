namespace FsMount.Fuse.Protocol;

/// <summary>
/// Answers the kernel's INIT. Minor 31 is what this kernel was observed to serve correctly, and it
/// has every feature asked for here; a higher minor is worth it only for a specific feature.
/// </summary>
internal static class InitNegotiation
{
    public const uint KernelMajor = 7;
    public const uint ServerMinor = 31;

    // The kernel's max_pages_limit (256 pages of 4 KiB); every request then fits in 1 MiB + headers.
    public const ushort MaxPages = 256;
    public const uint MaxWrite = MaxPages * 4096;

    // The 64-byte init_out (with time_gran) starts at 7.23; older kernels are not supported.
    private const uint OldestKernelMinor = 23;

    private const InitFlags Wanted =
        InitFlags.AsyncRead |
        InitFlags.AtomicOpenTruncate |
        InitFlags.BigWrites |
        InitFlags.DoReadDirPlus |
        InitFlags.ReadDirPlusAuto |
        InitFlags.ParallelDirOps |
        InitFlags.MaxPages;

    /// <summary>Returns false when the kernel speaks a protocol this server cannot (the reply is then EPROTO).</summary>
    public static bool TryNegotiate(in InitIn kernel, ushort maxBackground, ushort congestionThreshold, out InitOut reply)
    {
        if (kernel.Major < KernelMajor || (kernel.Major == KernelMajor && kernel.Minor < OldestKernelMinor))
        {
            reply = default;
            return false;
        }

        // A kernel with a newer major reads our major and sends a second INIT in our version.
        reply = new InitOut
        {
            Major = KernelMajor,
            Minor = kernel.Major == KernelMajor ? Math.Min(kernel.Minor, ServerMinor) : ServerMinor,
            MaxReadahead = kernel.MaxReadahead,
            Flags = (uint)Wanted & kernel.Flags,
            MaxBackground = maxBackground,
            CongestionThreshold = congestionThreshold,
            MaxWrite = MaxWrite,
            TimeGranularity = 1,
            MaxPages = MaxPages,
        };
        return true;
    }
}
