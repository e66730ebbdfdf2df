using System.Buffers.Binary;
using System.Text;

namespace FsMount.Fuse.Tests.Support;

/// <summary>
/// Request bodies written, and reply fields read, at the byte offsets of <c>linux/fuse.h</c>, never
/// through this server's own structs: a field the server places wrong cannot agree with itself here.
/// </summary>
internal sealed class Wire
{
    private byte[] _bytes;

    public Wire(int length)
    {
        _bytes = new byte[length];
    }

    public byte[] Bytes => _bytes;

    public Wire U32(int offset, uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_bytes.AsSpan(offset), value);
        return this;
    }

    public Wire U64(int offset, ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_bytes.AsSpan(offset), value);
        return this;
    }

    /// <summary>Appends <paramref name="text"/> and a NUL at <paramref name="offset"/>, growing the body.</summary>
    public Wire Name(int offset, string text) => Append(offset, [.. Encoding.UTF8.GetBytes(text), 0]);

    public Wire Append(int offset, byte[] data)
    {
        if (_bytes.Length < offset + data.Length)
        {
            Array.Resize(ref _bytes, offset + data.Length);
        }

        data.CopyTo(_bytes, offset);
        return this;
    }

    public static ushort ReadU16(ReadOnlySpan<byte> bytes, int offset) => BinaryPrimitives.ReadUInt16LittleEndian(bytes[offset..]);

    public static uint ReadU32(ReadOnlySpan<byte> bytes, int offset) => BinaryPrimitives.ReadUInt32LittleEndian(bytes[offset..]);

    public static ulong ReadU64(ReadOnlySpan<byte> bytes, int offset) => BinaryPrimitives.ReadUInt64LittleEndian(bytes[offset..]);
}
