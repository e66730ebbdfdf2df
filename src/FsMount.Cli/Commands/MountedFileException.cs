namespace FsMount.Cli.Commands;

/// <summary>A path given to <c>link</c>, <c>info</c> or <c>verify</c> that cannot be read as a file of a mount; the message is the one line the user sees.</summary>
internal sealed class MountedFileException : Exception
{
    public MountedFileException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
