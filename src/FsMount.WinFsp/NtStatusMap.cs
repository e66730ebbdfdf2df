using FsMount.Core.Errors;

namespace FsMount.WinFsp;

/// <summary>The one translation of the core's error vocabulary into NTSTATUS.</summary>
internal static class NtStatusMap
{
    public static int From(FsError error) => error switch
    {
        FsError.None => NtStatus.Success,
        FsError.NotFound => NtStatus.ObjectNameNotFound,
        FsError.Exists => NtStatus.ObjectNameCollision,
        FsError.NotEmpty => NtStatus.DirectoryNotEmpty,
        FsError.NotDirectory => NtStatus.NotADirectory,
        FsError.IsDirectory => NtStatus.FileIsADirectory,
        FsError.NoSpace => NtStatus.DiskFull,
        FsError.TooLarge => NtStatus.FileTooLarge,
        FsError.InvalidName => NtStatus.ObjectNameInvalid,
        FsError.NameTooLong => NtStatus.NameTooLong,
        FsError.InvalidArgument => NtStatus.InvalidParameter,
        FsError.ReadOnly => NtStatus.MediaWriteProtected,
        FsError.BadHandle => NtStatus.InvalidHandle,
        FsError.NotSupported => NtStatus.NotSupported,

        // Windows says "access denied" where POSIX says "not permitted" (a rename onto a folder).
        FsError.NotPermitted => NtStatus.AccessDenied,
        FsError.AccessDenied => NtStatus.AccessDenied,
        FsError.Cancelled => NtStatus.Cancelled,
        FsError.Unavailable => NtStatus.UnexpectedIoError,
        FsError.NoAttribute => NtStatus.NonexistentEaEntry,
        FsError.PastEndOfFile => NtStatus.EndOfFile,
        _ => NtStatus.UnexpectedIoError,
    };
}
