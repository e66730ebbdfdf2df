namespace FsMount.Emulator.Endpoints;

/// <summary>An upload went past a size or count limit; the message is the text of the 413 answer.</summary>
internal sealed class UploadTooLargeException : Exception
{
    public UploadTooLargeException()
        : base("Upload too large")
    {
    }

    public UploadTooLargeException(string message)
        : base(message)
    {
    }

    public UploadTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
