namespace FsMount.WinFsp;

/// <summary>A WinFsp mount that could not be made (WinFsp missing, mount point taken); the message is one line for the user.</summary>
public sealed class WinFspMountException : Exception
{
    public WinFspMountException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
