using System.Net;
using FsMount.Core.Errors;
using FsMount.Core.Remote;

namespace FsMount.OneFichier.Errors;

/// <summary>The one table from a 1fichier failure to the <see cref="FsError"/> a user sees.</summary>
internal static class OneFichierErrorMapper
{
    public static RemoteDriveException ToRemoteDriveException(OneFichierException e) => new(ToFsError(e), e.Message, e);

    public static FsError ToFsError(OneFichierException e)
    {
        switch (e.ErrorCode)
        {
            case OneFichierErrorCodes.ResourceNotFound:
                return FsError.NotFound;
            case OneFichierErrorCodes.NoSuchUser
                or OneFichierErrorCodes.NotACustomer
                or OneFichierErrorCodes.IpBlocked
                or OneFichierErrorCodes.ResourceNotAllowed
                or OneFichierErrorCodes.OwnerLocked
                or OneFichierErrorCodes.OwnerLockedVariant
                or OneFichierErrorCodes.DatacenterIpRefused:
                return FsError.AccessDenied;
        }

        // Retries are behind us: a transient failure or a flood that outlasted them is the service being unavailable.
        if (e.Kind != OneFichierFailureKind.Permanent)
        {
            return FsError.Unavailable;
        }

        // The upload node refuses a file or a request above the service's size limits with a bare 413.
        if (e.HttpStatus == HttpStatusCode.RequestEntityTooLarge)
        {
            return FsError.TooLarge;
        }

        // The service documents no codes for these; its messages are the only signal.
        var message = e.ServiceMessage;
        return message switch
        {
            _ when Has(message, "not authenticated") => FsError.AccessDenied,
            _ when Has(message, "not found") => FsError.NotFound,
            _ when Has(message, "quota") || Has(message, "space") => FsError.NoSpace,
            _ when Has(message, "too large") || Has(message, "too big") => FsError.TooLarge,
            _ when Has(message, "not empty") => FsError.NotEmpty,
            _ when Has(message, "already exists") => FsError.Exists,

            // A request the service could not read is our fault, not the name's (and "rename" contains "name").
            _ when Has(message, "invalid request") => FsError.Unavailable,
            _ when Has(message, "name") => FsError.InvalidName,
            _ when Has(message, "not allowed") => FsError.AccessDenied,
            _ => FsError.Unavailable,
        };
    }

    private static bool Has(string message, string fragment) => message.Contains(fragment, StringComparison.OrdinalIgnoreCase);
}
