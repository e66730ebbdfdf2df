namespace FsMount.Emulator.Faults;

/// <summary>
/// A read-only view of a body (a file being downloaded or an upload being received) that applies the fault
/// plan: per-stream and total bandwidth, byte counting, a connection reset after a given number of bytes, and a
/// stall (nothing sent for a while, the connection kept open) after a given number of bytes.
/// </summary>
internal sealed class ShapedReadStream : Stream
{
    private const int MaxChunk = 64 * 1024;

    private readonly Stream _inner;
    private readonly FaultPlan _faults;
    private readonly BandwidthPacer _streamBandwidth = new();
    private readonly long _resetAfter;
    private readonly long _stallAfter;
    private readonly Action<int> _onBytes;
    private readonly Action _onReset;
    private long _delivered;

    /// <param name="resetAfter">Bytes to deliver before resetting the connection; negative for never.</param>
    /// <param name="stallAfter">Bytes to deliver before stalling once for the plan's stall duration; negative for never.</param>
    public ShapedReadStream(Stream inner, FaultPlan faults, long resetAfter, long stallAfter, Action<int> onBytes, Action onReset)
    {
        _inner = inner;
        _faults = faults;
        _resetAfter = resetAfter;
        _stallAfter = stallAfter;
        _onBytes = onBytes;
        _onReset = onReset;
    }

    public override bool CanRead => true;

    public override bool CanSeek => _inner.CanSeek;

    public override bool CanWrite => false;

    public override long Length => _inner.Length;

    public override long Position
    {
        get => _inner.Position;
        set => _inner.Position = value;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_resetAfter >= 0 && _delivered >= _resetAfter)
        {
            _onReset();
            throw new IOException("Connection reset by the emulator's fault plan.");
        }

        if (_stallAfter >= 0 && _delivered == _stallAfter)
        {
            await Task.Delay(_faults.Current.StallDuration, cancellationToken);
        }

        int wanted = buffer.Length > MaxChunk ? MaxChunk : buffer.Length;
        if (_resetAfter >= 0)
        {
            wanted = (int)Math.Max(1, Math.Min(wanted, _resetAfter - _delivered));
        }

        if (_stallAfter > _delivered)
        {
            wanted = (int)Math.Min(wanted, _stallAfter - _delivered);
        }

        int read = await _inner.ReadAsync(buffer[..wanted], cancellationToken);
        _delivered += read;
        _onBytes(read);
        EmulatorFaults faults = _faults.Current;
        await _streamBandwidth.WaitAsync(read, faults.BandwidthPerStream, cancellationToken);
        await _faults.TotalBandwidth.WaitAsync(read, faults.BandwidthTotal, cancellationToken);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("The emulator reads bodies asynchronously only.");

    public override long Seek(long offset, SeekOrigin origin) => _inner.Seek(offset, origin);

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await _inner.DisposeAsync();
        await base.DisposeAsync();
    }
}
