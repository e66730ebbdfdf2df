using FsMount.Core.Errors;

namespace FsMount.Core.Remote;

/// <summary>
/// A failure of the storage service, already classified by the <see cref="IRemoteDrive"/>
/// implementation into the error a user should see. Messages never contain credentials.
/// </summary>
public sealed class RemoteDriveException : FsException
{
    public RemoteDriveException(FsError error, string message, Exception? innerException = null)
        : base(error, message, innerException)
    {
    }
}
