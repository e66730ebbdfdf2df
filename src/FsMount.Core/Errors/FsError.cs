namespace FsMount.Core.Errors;

/// <summary>
/// The one error vocabulary of the file system. Each platform adapter translates it in exactly one
/// place (errno on Linux, NTSTATUS on Windows); the core never handles platform numbers.
/// </summary>
public enum FsError
{
    None,
    NotFound,
    Exists,
    NotEmpty,
    NotDirectory,
    IsDirectory,
    NoSpace,
    TooLarge,
    InvalidName,
    NameTooLong,
    InvalidArgument,
    ReadOnly,
    BadHandle,
    NotSupported,
    NotPermitted,
    AccessDenied,
    Cancelled,
    Unavailable,

    /// <summary>The node has no extended attribute of that name.</summary>
    NoAttribute,

    /// <summary>An offset at or past the end of the file, where no data or hole can be found.</summary>
    PastEndOfFile,
}
