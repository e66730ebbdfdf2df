using System.Runtime.InteropServices;
using FsMount.Fuse.Native;
using FsMount.Fuse.Protocol;
using Microsoft.Extensions.Logging;

namespace FsMount.Fuse.Transport;

/// <summary>The connection to the kernel: a file descriptor of <c>/dev/fuse</c>, read and written with plain syscalls.</summary>
internal sealed unsafe class DevFuseChannel : IFuseChannel
{
    private readonly ILogger _logger;
    private int _fd;

    public DevFuseChannel(int fd, ILogger logger)
    {
        _fd = fd;
        _logger = logger;
    }

    public int ReadRequest(Span<byte> buffer)
    {
        while (true)
        {
            nint read;
            fixed (byte* pointer = buffer)
            {
                read = Libc.Read(_fd, pointer, (nuint)buffer.Length);
            }

            if (read >= 0)
            {
                return (int)read;
            }

            var errno = (LinuxErrno)Marshal.GetLastPInvokeError();
            switch (errno)
            {
                // ENOENT: the request was interrupted before it could be read.
                case LinuxErrno.EINTR or LinuxErrno.EAGAIN or LinuxErrno.ENOENT:
                    continue;
                case LinuxErrno.ENODEV:
                    return 0;
                default:
                    throw new IOException($"read(/dev/fuse) failed: {Marshal.GetPInvokeErrorMessage((int)errno)} ({errno})");
            }
        }
    }

    public bool WriteReply(ReadOnlySpan<byte> reply)
    {
        var fd = Volatile.Read(ref _fd);
        if (fd < 0)
        {
            // Closed: the connection has ended, nobody can receive this any more.
            return false;
        }

        nint written;
        fixed (byte* pointer = reply)
        {
            written = Libc.Write(fd, pointer, (nuint)reply.Length);
        }

        if (written >= 0)
        {
            return true;
        }

        var errno = (LinuxErrno)Marshal.GetLastPInvokeError();

        // ENOENT: the request was interrupted or aborted meanwhile; ENODEV: the mount is gone.
        if (errno is not (LinuxErrno.ENOENT or LinuxErrno.ENODEV))
        {
            Log.ReplyRejected(_logger, reply.Length, errno);
        }

        return false;
    }

    public void Dispose()
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0)
        {
            _ = Libc.Close(fd);
        }
    }
}
