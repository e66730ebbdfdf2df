using System.Buffers;
using System.Runtime.InteropServices;

namespace FsMount.Fuse.Protocol;

/// <summary>
/// A pooled buffer for one variable-length reply: the payload is written in place after room for
/// the out header, so the whole reply leaves in a single write.
/// </summary>
internal readonly struct ReplyFrame : IDisposable
{
    private readonly byte[] _buffer;
    private readonly int _capacity;

    private ReplyFrame(byte[] buffer, int capacity)
    {
        _buffer = buffer;
        _capacity = capacity;
    }

    public Span<byte> Payload => _buffer.AsSpan(OutHeader.Size, _capacity);

    public Memory<byte> PayloadMemory => _buffer.AsMemory(OutHeader.Size, _capacity);

    public static ReplyFrame Rent(int payloadCapacity) =>
        new(ArrayPool<byte>.Shared.Rent(OutHeader.Size + payloadCapacity), payloadCapacity);

    /// <summary>Writes the header for a successful reply of <paramref name="payloadLength"/> bytes and returns the whole frame.</summary>
    public ReadOnlySpan<byte> Complete(ulong unique, int payloadLength)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(payloadLength, _capacity);
        var length = OutHeader.Size + payloadLength;
        var header = new OutHeader { Length = (uint)length, Error = 0, Unique = unique };
        MemoryMarshal.Write(_buffer, in header);
        return _buffer.AsSpan(0, length);
    }

    public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);
}
