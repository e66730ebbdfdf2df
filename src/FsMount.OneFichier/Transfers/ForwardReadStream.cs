namespace FsMount.OneFichier.Transfers;

/// <summary>
/// The shape shared by the download streams: read forward only, asynchronously, over a body they own.
/// A subclass gives <see cref="ReadAsync(Memory{byte}, CancellationToken)"/>, the length and the
/// position, and the body to dispose.
/// </summary>
internal abstract class ForwardReadStream : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Position
    {
        get => Delivered;
        set => throw new NotSupportedException();
    }

    /// <summary>How far the stream has read.</summary>
    protected abstract long Delivered { get; }

    /// <summary>The body now read from, disposed with the stream.</summary>
    protected abstract Stream Body { get; }

    public abstract override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // Synchronous reads exist for Stream's contract; the mount reads asynchronously.
    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count), CancellationToken.None).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        await Body.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Body.Dispose();
        }

        base.Dispose(disposing);
    }
}
