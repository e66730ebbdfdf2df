using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FsMount.Fuse.Protocol;

/// <summary>Encodes fixed-size replies: an out header, then (on success) one struct.</summary>
internal static class ReplyEncoder
{
    // fuse_entry_out is the largest fixed reply; callers stackalloc this much.
    public const int MaxFixedReplyLength = OutHeader.Size + EntryOut.Size;

    public static ReadOnlySpan<byte> Error(Span<byte> destination, ulong unique, LinuxErrno errno)
    {
        var header = new OutHeader { Length = OutHeader.Size, Error = -(int)errno, Unique = unique };
        MemoryMarshal.Write(destination, in header);
        return destination[..OutHeader.Size];
    }

    public static ReadOnlySpan<byte> Success<T>(Span<byte> destination, ulong unique, in T payload)
        where T : unmanaged
    {
        var length = OutHeader.Size + Unsafe.SizeOf<T>();
        var header = new OutHeader { Length = (uint)length, Error = 0, Unique = unique };
        MemoryMarshal.Write(destination, in header);
        MemoryMarshal.Write(destination[OutHeader.Size..], in payload);
        return destination[..length];
    }
}
