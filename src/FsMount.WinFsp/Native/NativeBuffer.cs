using System.Buffers;

namespace FsMount.WinFsp.Native;

/// <summary>
/// A <see cref="Memory{T}"/> over a buffer WinFsp passed in (a Read's destination, a Write's data, a
/// directory page), so the core's async calls can fill or read it after the callback returned
/// STATUS_PENDING: WinFsp keeps it mapped until the response is sent.
/// </summary>
internal sealed unsafe class NativeBuffer : MemoryManager<byte>
{
    private readonly byte* _pointer;
    private readonly int _length;

    private NativeBuffer(byte* pointer, int length)
    {
        _pointer = pointer;
        _length = length;
    }

    public static Memory<byte> Of(byte* pointer, uint length) => new NativeBuffer(pointer, checked((int)length)).Memory;

    public override Span<byte> GetSpan() => new(_pointer, _length);

    // Native memory never moves: nothing to pin.
    public override MemoryHandle Pin(int elementIndex = 0) => new(_pointer + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}
