namespace FsMount.Emulator.Endpoints;

/// <summary>An uploaded part went past the maximum file size.</summary>
internal sealed class FileTooLargeException : Exception
{
    public FileTooLargeException()
        : base("The uploaded file is larger than the maximum file size.")
    {
    }

    public FileTooLargeException(string message)
        : base(message)
    {
    }

    public FileTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
