using System.Runtime.InteropServices;

namespace FsMount.WinFsp.Tests.Support;

/// <summary>A buffer in native memory, as WinFsp maps a request's buffer into the file system's process.</summary>
internal sealed unsafe class NativeBytes : IDisposable
{
    public NativeBytes(int length)
    {
        Length = length;
        Pointer = (byte*)NativeMemory.AllocZeroed((nuint)length);
    }

    public byte* Pointer { get; }

    public int Length { get; }

    public byte[] ToArray(int count) => new ReadOnlySpan<byte>(Pointer, count).ToArray();

    public void Write(ReadOnlySpan<byte> bytes) => bytes.CopyTo(new Span<byte>(Pointer, Length));

    public void Dispose() => NativeMemory.Free(Pointer);
}
