using System.Runtime.CompilerServices;
using FsMount.Core.Vfs;
using FsMount.Fuse.Dispatch;
using FsMount.Fuse.Protocol;

namespace FsMount.Fuse.Bridge;

/// <content>
/// What a program asks of an open file beyond reading and writing: seeking for data, polling,
/// ioctls, and copying into another file on the service's side.
/// </content>
internal sealed partial class CoreBridge
{
    private void RegisterFileControl(OpcodeTable table)
    {
        table.Register(FuseOpcode.Lseek, Unsafe.SizeOf<LseekIn>(), SeekAsync);
        table.Register(FuseOpcode.Poll, Unsafe.SizeOf<PollIn>(), Poll);

        // No ioctl means anything here: ENOTTY is what a file without ioctls answers (lsattr says so).
        table.Register(FuseOpcode.Ioctl, 0, request => ReplyError(request, LinuxErrno.ENOTTY));
        table.Register(FuseOpcode.CopyFileRange, Unsafe.SizeOf<CopyFileRangeIn>(), request => CopyFileRangeAsync(request, wide: false));
        table.Register(FuseOpcode.CopyFileRange64, Unsafe.SizeOf<CopyFileRangeIn>(), request => CopyFileRangeAsync(request, wide: true));
    }

    // The kernel answers SEEK_SET, SEEK_CUR and SEEK_END itself and sends only SEEK_DATA and SEEK_HOLE.
    private async ValueTask SeekAsync(FuseRequest request)
    {
        var seek = request.Read<LseekIn>();
        if (seek.Whence is not (LseekIn.SeekData or LseekIn.SeekHole))
        {
            request.ReplyError(LinuxErrno.EINVAL);
            return;
        }

        var target = seek.Whence == LseekIn.SeekData ? SeekTarget.Data : SeekTarget.Hole;
        var result = await _fileSystem.SeekAsync(seek.Handle, (long)Math.Min(seek.Offset, long.MaxValue), target, request.CancellationToken);
        if (result.IsSuccess)
        {
            request.Reply(new LseekOut { Offset = (ulong)result.Value });
        }
        else
        {
            request.ReplyError(Errno.From(result.Error));
        }
    }

    // A regular file is always ready, as the kernel's own default for files without poll says.
    private static ValueTask Poll(FuseRequest request)
    {
        request.Reply(new PollOut { ReadyEvents = PollOut.AlwaysReady });
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// COPY_FILE_RANGE (reply: write_out, 32-bit count) and COPY_FILE_RANGE_64 (7.45; reply: a 64-bit
    /// count), which kernels that know it try first. A copy the core cannot make on the service's
    /// side is answered EOPNOTSUPP: the kernel then copies through READ and WRITE itself (splice),
    /// for this copy only. ENOSYS would also fall back, but the kernel would remember it and never
    /// offer a server-side copy again on this mount.
    /// </summary>
    private async ValueTask CopyFileRangeAsync(FuseRequest request, bool wide)
    {
        var copy = request.Read<CopyFileRangeIn>();

        // The older opcode's reply counts in 32 bits: asked for more, the core sees at most what the
        // reply can say (a whole file past 4 GiB is then no whole-file copy, and the kernel copies it).
        var length = Math.Min(copy.Length, wide ? (ulong)long.MaxValue : uint.MaxValue);
        var result = await _fileSystem.CopyFileRangeAsync(
            copy.SourceHandle,
            (long)Math.Min(copy.SourceOffset, long.MaxValue),
            copy.DestinationHandle,
            (long)Math.Min(copy.DestinationOffset, long.MaxValue),
            (long)length,
            request.CancellationToken);
        if (!result.IsSuccess)
        {
            request.ReplyError(Errno.From(result.Error));
        }
        else if (wide)
        {
            request.Reply(new CopyFileRangeOut { BytesCopied = (ulong)result.Value });
        }
        else
        {
            request.Reply(new WriteOut { Size = (uint)result.Value });
        }
    }

    private static ValueTask ReplyError(FuseRequest request, LinuxErrno errno)
    {
        request.ReplyError(errno);
        return ValueTask.CompletedTask;
    }
}
