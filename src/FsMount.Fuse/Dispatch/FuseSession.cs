using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FsMount.Fuse.Protocol;
using FsMount.Fuse.Transport;
using Microsoft.Extensions.Logging;

namespace FsMount.Fuse.Dispatch;

/// <summary>
/// Serves one FUSE connection. Dedicated threads block in read(2); each request is copied out of
/// the reader's buffer and served as a task, so a slow READ never holds up a LOOKUP. INIT,
/// INTERRUPT and DESTROY are protocol matters and are answered here; the rest go to the table.
/// </summary>
internal sealed class FuseSession
{
    // The kernel refuses reads into buffers smaller than a maximal WRITE plus its headers.
    private const int ReadBufferLength = (int)InitNegotiation.MaxWrite + 8192;

    private readonly IFuseChannel _channel;
    private readonly OpcodeTable _table;
    private readonly FuseMountOptions _options;
    private readonly ILogger _logger;
    private readonly Action? _initialized;
    private readonly InFlightRequests _inFlight = new();
    private readonly TaskCompletionSource _readersDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _activeReaders;
    private volatile bool _destroyed;
    private Exception? _readerFailure;

    /// <param name="initialized">Runs on the reader thread once INIT is answered, before any other request is read.</param>
    public FuseSession(IFuseChannel channel, OpcodeTable table, FuseMountOptions options, ILogger logger, Action? initialized = null)
    {
        _channel = channel;
        _table = table;
        _options = options;
        _logger = logger;
        _initialized = initialized;
        Completion = RunAsync();
    }

    /// <summary>Completes once the connection has ended and every handler has finished; the channel is closed by then.</summary>
    public Task Completion { get; }

    private async Task RunAsync()
    {
        _activeReaders = _options.ReaderThreads;
        for (var i = 0; i < _options.ReaderThreads; i++)
        {
            new Thread(ReadLoop) { IsBackground = true, Name = $"fuse-reader-{i}" }.Start();
        }

        // Requests past the I/O time-out are found by a sweep, not by a timer per request: most
        // requests (a stat from the cache) end in microseconds.
        await using (var sweep = _options.IoTimeout is { } limit ? new Timer(_ => _inFlight.TimeOutOlderThan(limit), null, SweepPeriod(limit), SweepPeriod(limit)) : null)
        {
            await _readersDone.Task;
        }

        // Background requests (readahead) may still wait on slow work for readers that have gone.
        _inFlight.InterruptAll();
        await _inFlight.WhenDrainedAsync();
        _channel.Dispose();
        if (_readerFailure is not null)
        {
            throw new IOException("The FUSE connection failed", _readerFailure);
        }
    }

    private static TimeSpan SweepPeriod(TimeSpan limit) => limit / 4 < TimeSpan.FromSeconds(1) ? limit / 4 : TimeSpan.FromSeconds(1);

    private void ReadLoop()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ReadBufferLength);
        try
        {
            while (!_destroyed)
            {
                var length = _channel.ReadRequest(buffer);
                if (length == 0)
                {
                    break;
                }

                Dispatch(buffer.AsSpan(0, length));
            }
        }
        catch (Exception exception)
        {
            Log.ReaderFailed(_logger, exception);
            _readerFailure = exception;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (Interlocked.Decrement(ref _activeReaders) == 0)
            {
                _readersDone.TrySetResult();
            }
        }
    }

    private void Dispatch(ReadOnlySpan<byte> message)
    {
        if (message.Length < InHeader.Size)
        {
            Log.MalformedRequest(_logger, message.Length);
            return;
        }

        var header = MemoryMarshal.Read<InHeader>(message);
        var body = message[InHeader.Size..];
        Log.RequestReceived(_logger, (FuseOpcode)header.Opcode, header.Unique, header.NodeId);
        switch ((FuseOpcode)header.Opcode)
        {
            case FuseOpcode.Init:
                Initialize(header.Unique, body);
                break;
            case FuseOpcode.Interrupt:
                Interrupt(header.Unique, body);
                break;
            case FuseOpcode.Destroy:
                _destroyed = true;
                WriteError(header.Unique, LinuxErrno.None);
                break;
            default:
                var request = new FuseRequest(header, message, _channel, _logger);

                // NOTIFY_REPLY answers a retrieve notification (never sent here): the kernel waits for nothing.
                var replies = request.Opcode is not (FuseOpcode.Forget or FuseOpcode.BatchForget or FuseOpcode.NotifyReply);
                _inFlight.Add(request, interruptible: replies);
                _ = Task.Run(() => ServeAsync(request, replies));
                break;
        }
    }

    private async Task ServeAsync(FuseRequest request, bool replies)
    {
        try
        {
            var known = _table.TryGet(request.Header.Opcode, out var handler, out var minimumBodyLength);
            if (!known || request.Body.Length < minimumBodyLength)
            {
                if (replies)
                {
                    request.ReplyError(known ? LinuxErrno.EINVAL : LinuxErrno.ENOSYS);
                }

                return;
            }

            await handler(request);
            if (replies && !request.HasReplied)
            {
                Log.HandlerDidNotReply(_logger, request.Opcode, request.Unique);
                request.ReplyError(LinuxErrno.EIO);
            }
        }
        catch (Exception exception)
        {
            var errno = _table.ErrorOf(exception, request.Opcode);
            if (replies)
            {
                request.ReplyError(errno);
            }
        }
        finally
        {
            if (!replies)
            {
                request.LogServedWithoutReply();
            }

            _inFlight.Remove(request);
            request.Dispose();
        }
    }

    private void Initialize(ulong unique, ReadOnlySpan<byte> body)
    {
        if (body.Length < Unsafe.SizeOf<InitIn>())
        {
            WriteError(unique, LinuxErrno.EINVAL);
            return;
        }

        var kernel = MemoryMarshal.Read<InitIn>(body);
        var answer = InitNegotiation.Answer(kernel, _options.MaxBackground, _options.CongestionThreshold);
        if (answer.Refused)
        {
            Log.UnsupportedKernel(_logger, kernel.Major, kernel.Minor);
            WriteError(unique, LinuxErrno.EPROTO);
            return;
        }

        var reply = answer.Reply;
        Span<byte> frame = stackalloc byte[ReplyEncoder.MaxFixedReplyLength];
        _channel.WriteReply(ReplyEncoder.Success(frame, unique, MemoryMarshal.AsBytes(new ReadOnlySpan<InitOut>(in reply))[..answer.Length]));
        Log.Initialized(_logger, kernel.Major, kernel.Minor, reply.Major, reply.Minor, reply.Flags);
        if (answer.Final)
        {
            _initialized?.Invoke();
        }
    }

    private void Interrupt(ulong unique, ReadOnlySpan<byte> body)
    {
        if (body.Length < Unsafe.SizeOf<InterruptIn>())
        {
            return;
        }

        var target = MemoryMarshal.Read<InterruptIn>(body).Unique;
        if (_inFlight.TryInterrupt(target))
        {
            // The interrupted request answers for itself (EINTR once its handler sees the token, or
            // its result if it changes the service and goes on).
            Log.InterruptReceived(_logger, target, "delivered");
            return;
        }

        // Not seen yet (another reader thread may hold it) or already answered: EAGAIN asks the
        // kernel to send the INTERRUPT again if the request is still pending, and is ignored otherwise.
        Log.InterruptReceived(_logger, target, "not running; answered EAGAIN");
        WriteError(unique, LinuxErrno.EAGAIN);
    }

    private void WriteError(ulong unique, LinuxErrno errno)
    {
        Span<byte> frame = stackalloc byte[OutHeader.Size];
        _channel.WriteReply(ReplyEncoder.Error(frame, unique, errno));
        Log.ReplySent(_logger, unique, errno);
    }
}
