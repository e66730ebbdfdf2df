using System.Runtime.CompilerServices;

namespace FsMount.Fuse.Protocol;

/// <summary>
/// Answers the kernel's INIT. Minor 31 is what this kernel was observed to serve correctly, and it
/// has every feature asked for here; a higher minor is worth it only for a specific feature. Older
/// kernels are served in their own minor, down to 7.12; newer majors are asked to speak 7.
/// </summary>
internal static class InitNegotiation
{
    public const uint KernelMajor = 7;
    public const uint ServerMinor = 31;

    // The kernel's max_pages_limit (256 pages of 4 KiB); every request then fits in 1 MiB + headers.
    public const ushort MaxPages = 256;
    public const uint MaxWrite = MaxPages * 4096;

    // From 7.12 on, every request this server reads has the size it expects (CREATE and MKNOD
    // gained their umask then); older kernels are over fifteen years old.
    private const uint OldestKernelMinor = 12;

    // Before 7.23 the kernel knows a 24-byte init_out (FUSE_COMPAT_22_INIT_OUT_SIZE): no time_gran, no max_pages.
    private const uint FullReplyMinor = 23;
    private const int CompatReplyLength = 24;

    private const InitFlags Wanted =
        InitFlags.AsyncRead |
        InitFlags.AtomicOpenTruncate |
        InitFlags.BigWrites |
        InitFlags.DoReadDirPlus |
        InitFlags.ReadDirPlusAuto |
        InitFlags.ParallelDirOps |
        InitFlags.MaxPages;

    public static InitAnswer Answer(in InitIn kernel, ushort maxBackground, ushort congestionThreshold)
    {
        if (kernel.Major < KernelMajor || (kernel.Major == KernelMajor && kernel.Minor < OldestKernelMinor))
        {
            return InitAnswer.Refuse;
        }

        if (kernel.Major > KernelMajor)
        {
            // As libfuse does: our version only, in a full-size reply; the kernel then sends INIT again.
            return new InitAnswer(new InitOut { Major = KernelMajor, Minor = ServerMinor }, Unsafe.SizeOf<InitOut>(), Final: false);
        }

        var minor = Math.Min(kernel.Minor, ServerMinor);
        var reply = new InitOut
        {
            Major = KernelMajor,
            Minor = minor,
            MaxReadahead = kernel.MaxReadahead,
            Flags = (uint)Wanted & kernel.Flags,
            MaxBackground = maxBackground,
            CongestionThreshold = congestionThreshold,
            MaxWrite = MaxWrite,
            TimeGranularity = 1,
            MaxPages = MaxPages,
        };

        // An older kernel takes only the fields it knows.
        return new InitAnswer(reply, minor >= FullReplyMinor ? Unsafe.SizeOf<InitOut>() : CompatReplyLength, Final: true);
    }
}
