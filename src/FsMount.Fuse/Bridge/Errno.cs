using FsMount.Core.Errors;
using FsMount.Fuse.Protocol;

namespace FsMount.Fuse.Bridge;

/// <summary>The one translation of the core's error vocabulary into errno.</summary>
internal static class Errno
{
    public static LinuxErrno From(FsError error) => error switch
    {
        FsError.None => LinuxErrno.None,
        FsError.NotFound => LinuxErrno.ENOENT,
        FsError.Exists => LinuxErrno.EEXIST,
        FsError.NotEmpty => LinuxErrno.ENOTEMPTY,
        FsError.NotDirectory => LinuxErrno.ENOTDIR,
        FsError.IsDirectory => LinuxErrno.EISDIR,
        FsError.NoSpace => LinuxErrno.ENOSPC,
        FsError.TooLarge => LinuxErrno.EFBIG,
        FsError.InvalidName => LinuxErrno.EINVAL,
        FsError.NameTooLong => LinuxErrno.ENAMETOOLONG,
        FsError.InvalidArgument => LinuxErrno.EINVAL,
        FsError.ReadOnly => LinuxErrno.EROFS,
        FsError.BadHandle => LinuxErrno.EBADF,

        // Never ENOSYS: the kernel would stop sending the opcode for the rest of the mount.
        FsError.NotSupported => LinuxErrno.ENOTSUP,
        FsError.NotPermitted => LinuxErrno.EPERM,
        FsError.AccessDenied => LinuxErrno.EACCES,
        FsError.Cancelled => LinuxErrno.EINTR,
        FsError.Unavailable => LinuxErrno.EIO,
        FsError.NoAttribute => LinuxErrno.ENODATA,
        FsError.PastEndOfFile => LinuxErrno.ENXIO,
        _ => LinuxErrno.EIO,
    };
}
