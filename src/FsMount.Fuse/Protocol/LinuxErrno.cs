namespace FsMount.Fuse.Protocol;

/// <summary>
/// The errno numbers this server sends or receives, named once. They are the same on x86-64 and
/// arm64. A reply carries the negated value.
/// </summary>
internal enum LinuxErrno
{
    None = 0,
    EPERM = 1,
    ENOENT = 2,
    EINTR = 4,
    EIO = 5,
    ENXIO = 6,
    EBADF = 9,
    EAGAIN = 11,
    EACCES = 13,
    EBUSY = 16,
    EEXIST = 17,
    ENODEV = 19,
    ENOTDIR = 20,
    EISDIR = 21,
    EINVAL = 22,
    ENOTTY = 25,
    EFBIG = 27,
    ENOSPC = 28,
    EROFS = 30,
    ERANGE = 34,
    ENAMETOOLONG = 36,
    ENOSYS = 38,
    ENOTEMPTY = 39,
    ENODATA = 61,
    EPROTO = 71,

    /// <summary>Also EOPNOTSUPP: the two share one number on Linux.</summary>
    ENOTSUP = 95,
    ECONNABORTED = 103,
    ENOTCONN = 107,
}
