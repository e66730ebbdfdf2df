namespace FsMount.Core.Errors;

/// <summary>
/// A fault that carries the <see cref="FsError"/> a user should see, raised where a failure cannot
/// travel as an <see cref="FsResult{T}"/> value (for example from deep inside a remote call).
/// </summary>
public class FsException : Exception
{
    public FsException(FsError error, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Error = error;
    }

    public FsError Error { get; }
}
