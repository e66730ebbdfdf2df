namespace FsMount.Core.Reading;

/// <summary>
/// One open ranged request over <c>[Start, End)</c> of a remote file, read front to back in blocks.
/// </summary>
internal sealed class ReadWindow : IAsyncDisposable
{
    private readonly Stream _stream;

    public ReadWindow(Stream stream, long start, long end)
    {
        _stream = stream;
        End = end;
        Position = start;
    }

    /// <summary>Where the range ends; moved closer if the stream ends early.</summary>
    public long End { get; private set; }

    /// <summary>The next byte the stream yields.</summary>
    public long Position { get; private set; }

    public bool IsExhausted => Position >= End;

    /// <summary>Whether the stream ended before the range did (the remote file is shorter than listed).</summary>
    public bool EndedEarly { get; private set; }

    /// <summary>The block at <see cref="Position"/>. An empty or short block means the stream ended early.</summary>
    public async ValueTask<RemoteBlock> ReadBlockAsync(CancellationToken cancellationToken)
    {
        var length = (int)Math.Min(RemoteBlock.Bytes, End - Position);
        var block = new RemoteBlock(Position);
        try
        {
            await block.FillAsync(_stream, length, cancellationToken);
        }
        catch
        {
            block.Dispose();
            throw;
        }

        Position += block.Length;
        if (block.Length < length)
        {
            End = Position;
            EndedEarly = true;
        }

        return block;
    }

    public ValueTask DisposeAsync() => _stream.DisposeAsync();
}
