namespace FsMount.Emulator.Tests.TestSupport;

/// <summary>A body of unknown length, so HttpClient cannot send a Content-Length.</summary>
internal sealed class NonSeekableStream : MemoryStream
{
    public NonSeekableStream(byte[] content)
        : base(content)
    {
    }

    public override bool CanSeek => false;
}
