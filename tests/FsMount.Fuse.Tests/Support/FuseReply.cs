using System.Runtime.InteropServices;
using FsMount.Fuse.Protocol;

namespace FsMount.Fuse.Tests.Support;

/// <summary>One reply as the kernel would receive it.</summary>
internal sealed class FuseReply(byte[] bytes)
{
    public byte[] Bytes { get; } = bytes;

    public OutHeader Header => MemoryMarshal.Read<OutHeader>(Bytes);

    public ulong Unique => Header.Unique;

    /// <summary>The errno (positive), or None.</summary>
    public LinuxErrno Error => (LinuxErrno)(-Header.Error);

    public ReadOnlySpan<byte> Payload => Bytes.AsSpan(OutHeader.Size);

    public T Read<T>()
        where T : unmanaged => MemoryMarshal.Read<T>(Payload);
}
