using System.Buffers;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using FsMount.Fuse.Protocol;
using FsMount.Fuse.Transport;
using Microsoft.Extensions.Logging;

namespace FsMount.Fuse.Dispatch;

/// <summary>
/// One request the kernel is waiting on: its bytes (a pooled copy that lives until the handler
/// ends), the token an INTERRUPT cancels, and the reply methods, which let only the first reply out.
/// </summary>
internal sealed class FuseRequest : IDisposable
{
    private readonly IFuseChannel _channel;
    private readonly ILogger _logger;
    private readonly byte[] _buffer;
    private readonly int _length;
    private readonly CancellationTokenSource _interrupt = new();
    private readonly long _received = Stopwatch.GetTimestamp();
    private int _replied;
    private int _timedOut;

    /// <param name="header">The header the dispatcher decoded from the start of <paramref name="message"/>.</param>
    public FuseRequest(in InHeader header, ReadOnlySpan<byte> message, IFuseChannel channel, ILogger logger)
    {
        _channel = channel;
        _logger = logger;
        _length = message.Length;
        _buffer = ArrayPool<byte>.Shared.Rent(message.Length);
        message.CopyTo(_buffer);
        Header = header;
    }

    public InHeader Header { get; }

    public FuseOpcode Opcode => (FuseOpcode)Header.Opcode;

    public ulong Unique => Header.Unique;

    public ulong NodeId => Header.NodeId;

    public ReadOnlySpan<byte> Body => _buffer.AsSpan(InHeader.Size, _length - InHeader.Size);

    /// <summary>The body as memory, for data handed to asynchronous work (WRITE); valid until the handler ends.</summary>
    public ReadOnlyMemory<byte> BodyMemory => _buffer.AsMemory(InHeader.Size, _length - InHeader.Size);

    /// <summary>Cancelled when the kernel interrupts this request.</summary>
    public CancellationToken CancellationToken => _interrupt.Token;

    public bool HasReplied => Volatile.Read(ref _replied) != 0;

    /// <summary>The fixed-size struct at the start of the body; the dispatcher has checked that it is there.</summary>
    public T Read<T>()
        where T : unmanaged => MemoryMarshal.Read<T>(Body);

    /// <summary>A NUL-terminated name starting <paramref name="offset"/> bytes into the body.</summary>
    public string ReadName(int offset)
    {
        var bytes = Body[offset..];
        var end = bytes.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? bytes : bytes[..end]);
    }

    /// <summary>Two NUL-terminated names one after the other (RENAME's old and new name).</summary>
    public (string First, string Second) ReadTwoNames(int offset)
    {
        var bytes = Body[offset..];
        var end = bytes.IndexOf((byte)0);
        if (end < 0)
        {
            return (Encoding.UTF8.GetString(bytes), string.Empty);
        }

        return (Encoding.UTF8.GetString(bytes[..end]), ReadName(offset + end + 1));
    }

    /// <summary>How long ago the request was read.</summary>
    public TimeSpan Age => Stopwatch.GetElapsedTime(_received);

    /// <summary>Ends a request that has waited longer than the I/O time-out: cancelled as by an INTERRUPT, answered EIO.</summary>
    public void TimeOut()
    {
        if (Interlocked.Exchange(ref _timedOut, 1) == 0)
        {
            Interrupt();
        }
    }

    public void Interrupt()
    {
        try
        {
            // The token's callbacks run on the thread pool, not on the reader thread that saw the INTERRUPT.
            _ = _interrupt.CancelAsync();
        }
        catch (ObjectDisposedException)
        {
            // The request finished between the INTERRUPT's lookup and now: nothing left to cancel.
        }
    }

    public bool ReplyError(LinuxErrno errno)
    {
        if (errno == LinuxErrno.EINTR && Volatile.Read(ref _timedOut) != 0)
        {
            // Cancelled by the time-out, not by the caller: an EINTR would tell it to try again at once.
            Log.RequestTimedOut(_logger, Opcode, NodeId, Age.TotalSeconds);
            errno = LinuxErrno.EIO;
        }

        Span<byte> frame = stackalloc byte[OutHeader.Size];
        return Send(ReplyEncoder.Error(frame, Unique, errno), errno);
    }

    public bool ReplyEmpty() => ReplyError(LinuxErrno.None);

    public bool Reply<T>(in T payload)
        where T : unmanaged
    {
        Span<byte> frame = stackalloc byte[ReplyEncoder.MaxFixedReplyLength];
        return Send(ReplyEncoder.Success(frame, Unique, in payload), LinuxErrno.None);
    }

    /// <summary>A lookup miss the kernel may remember: a success on the wire (node 0), logged as the miss it is.</summary>
    public bool ReplyNegativeEntry(in EntryOut entry)
    {
        Span<byte> frame = stackalloc byte[ReplyEncoder.MaxFixedReplyLength];
        return Send(ReplyEncoder.Success(frame, Unique, in entry), LinuxErrno.None, "ENOENT (negative entry)");
    }

    public bool Reply(in ReplyFrame frame, int payloadLength) =>
        Send(frame.Complete(Unique, payloadLength), LinuxErrno.None);

    /// <summary>The one line -v shows for a request the kernel expects no reply to (FORGET).</summary>
    public void LogServedWithoutReply()
    {
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            LogServed("no reply");
        }
    }

    public void Dispose()
    {
        _interrupt.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
    }

    private bool Send(ReadOnlySpan<byte> frame, LinuxErrno errno, string? shownAs = null)
    {
        if (Interlocked.Exchange(ref _replied, 1) != 0)
        {
            Log.DuplicateReply(_logger, Unique);
            return false;
        }

        if (_logger.IsEnabled(LogLevel.Debug))
        {
            LogServed(shownAs ?? (errno == LinuxErrno.None ? "OK" : errno.ToString()));
        }

        return _channel.WriteReply(frame);
    }

    private void LogServed(string result)
    {
        var elapsed = Stopwatch.GetElapsedTime(_received).TotalMilliseconds;
        Log.RequestServed(_logger, Opcode, NodeId, Unique, result, elapsed);
    }
}
