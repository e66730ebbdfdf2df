namespace FsMount.Core.Tests.Fakes;

/// <summary>
/// A read-only stream over <c>[offset, end)</c> of a fake file that yields at most a few KiB per
/// read, as a network stream does.
/// </summary>
internal sealed class FakeRangeStream : Stream
{
    private const int MaxChunk = 7 * 1024 + 13;
    private readonly string _shortId;
    private readonly long _end;
    private readonly FakeRemoteDrive _drive;
    private long _position;

    public FakeRangeStream(FakeRemoteDrive drive, string shortId, long offset, long end)
    {
        _drive = drive;
        _shortId = shortId;
        _position = offset;
        _end = end;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var count = (int)Math.Min(Math.Min(buffer.Length, MaxChunk), _end - _position);
        _drive.Fill(_shortId, _position, buffer[..count]);

        _position += count;
        return count;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        return Read(buffer.Span);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
