using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FsMount.Fuse.Protocol;

/// <summary>Encodes fixed-size replies: an out header, then (on success) one struct.</summary>
internal static class ReplyEncoder
{
    // STATX's reply is the largest fixed reply; callers stackalloc this much.
    public const int MaxFixedReplyLength = OutHeader.Size + StatxOut.Size;

    public static ReadOnlySpan<byte> Error(Span<byte> destination, ulong unique, LinuxErrno errno)
    {
        var header = new OutHeader { Length = OutHeader.Size, Error = -(int)errno, Unique = unique };
        MemoryMarshal.Write(destination, in header);
        return destination[..OutHeader.Size];
    }

    public static ReadOnlySpan<byte> Success<T>(Span<byte> destination, ulong unique, in T payload)
        where T : unmanaged =>
        Success(destination, unique, MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in payload)));

    /// <summary>A successful reply carrying <paramref name="payload"/> (e.g. the first bytes of a struct an older kernel knows shorter).</summary>
    public static ReadOnlySpan<byte> Success(Span<byte> destination, ulong unique, ReadOnlySpan<byte> payload)
    {
        var length = OutHeader.Size + payload.Length;
        var header = new OutHeader { Length = (uint)length, Error = 0, Unique = unique };
        MemoryMarshal.Write(destination, in header);
        payload.CopyTo(destination[OutHeader.Size..]);
        return destination[..length];
    }

    /// <summary>
    /// A notification (unsolicited, unique 0, the notify code in the error field): a fixed struct,
    /// then <paramref name="name"/> and a NUL when given. Returns the bytes written.
    /// </summary>
    public static int Notification<T>(Span<byte> destination, NotifyCode code, in T payload, ReadOnlySpan<byte> name)
        where T : unmanaged
    {
        var fixedLength = OutHeader.Size + Unsafe.SizeOf<T>();
        var length = name.IsEmpty ? fixedLength : fixedLength + name.Length + 1;
        var header = new OutHeader { Length = (uint)length, Error = (int)code, Unique = 0 };
        MemoryMarshal.Write(destination, in header);
        MemoryMarshal.Write(destination[OutHeader.Size..], in payload);
        if (!name.IsEmpty)
        {
            name.CopyTo(destination[fixedLength..]);
            destination[length - 1] = 0;
        }

        return length;
    }
}
