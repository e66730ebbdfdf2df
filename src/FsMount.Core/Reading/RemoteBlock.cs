using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace FsMount.Core.Reading;

/// <summary>
/// Up to <see cref="Bytes"/> bytes of a remote file starting at <see cref="Start"/>, in a pooled
/// buffer. Blocks are aligned to their size, so any position maps to exactly one block start; that
/// makes out-of-order reads easy to serve and is the unit a persistent chunk cache can store.
/// </summary>
internal sealed class RemoteBlock : IDisposable
{
    // Small enough that a tail read opens little more than the tail, large enough that a 128 KiB
    // kernel read touches only two blocks.
    public const int Bytes = 64 * 1024;

    private byte[]? _buffer = ArrayPool<byte>.Shared.Rent(Bytes);

    public RemoteBlock(long start)
    {
        Start = start;
    }

    public long Start { get; }

    public int Length { get; private set; }

    public static long StartOf(long position) => position - (position % Bytes);

    /// <summary>Fills the block from <paramref name="stream"/>; fewer bytes than asked only where the stream ends.</summary>
    public async ValueTask FillAsync(Stream stream, int length, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_buffer is null, this);
        Length = await stream.ReadAtLeastAsync(_buffer.AsMemory(0, length), length, throwOnEndOfStream: false, cancellationToken);
    }

    /// <summary>Fills the block from a local file (the chunk cache), at the block's own offset.</summary>
    public void Fill(SafeFileHandle file, int length)
    {
        ObjectDisposedException.ThrowIf(_buffer is null, this);
        var total = 0;
        while (total < length)
        {
            var read = RandomAccess.Read(file, _buffer.AsSpan(total, length - total), Start + total);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        Length = total;
    }

    /// <summary>The bytes held, to keep in the chunk cache.</summary>
    public ReadOnlyMemory<byte> Content
    {
        get
        {
            ObjectDisposedException.ThrowIf(_buffer is null, this);
            return _buffer.AsMemory(0, Length);
        }
    }

    /// <summary>Copies from <paramref name="position"/> on; returns 0 when the block holds nothing there.</summary>
    public int CopyTo(long position, Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_buffer is null, this);
        var from = (int)(position - Start);
        if (from >= Length)
        {
            return 0;
        }

        var count = Math.Min(Length - from, destination.Length);
        _buffer.AsSpan(from, count).CopyTo(destination);
        return count;
    }

    public void Dispose()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
