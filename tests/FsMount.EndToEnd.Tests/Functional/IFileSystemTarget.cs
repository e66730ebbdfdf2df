using FsMount.Fuse.Protocol;

namespace FsMount.EndToEnd.Tests.Functional;

/// <summary>
/// What the functional suite does to a file system, by path, with the errno each step gets: through
/// libc on a directory or a mount, through the core in-process, or through the FUSE bridge's bytes.
/// Paths are relative to the target's root, '/'-separated.
/// </summary>
internal interface IFileSystemTarget : IAsyncDisposable
{
    /// <summary>Creates or truncates the file, writes it whole and closes it.</summary>
    Task<LinuxErrno> WriteAsync(string path, byte[] content);

    Task<(LinuxErrno Error, byte[] Content)> ReadAsync(string path);

    /// <summary>Opens the file with O_APPEND and writes.</summary>
    Task<LinuxErrno> AppendAsync(string path, byte[] content);

    Task<LinuxErrno> TruncateAsync(string path, long size);

    /// <summary>open(O_CREAT | O_EXCL), then close.</summary>
    Task<LinuxErrno> CreateExclusiveAsync(string path);

    Task<LinuxErrno> MakeDirectoryAsync(string path);

    Task<LinuxErrno> RemoveDirectoryAsync(string path);

    Task<LinuxErrno> UnlinkAsync(string path);

    Task<LinuxErrno> RenameAsync(string from, string to, bool noReplace);

    Task<(LinuxErrno Error, FileStatus Status)> StatAsync(string path);

    /// <summary>The names in a directory, without "." and "..", in ordinal order.</summary>
    Task<(LinuxErrno Error, string[] Names)> ListAsync(string path);

    /// <summary>copy_file_range of a whole file into a file it creates, as cp does; copies through reads and writes where refused, as the kernel does.</summary>
    Task<(LinuxErrno Error, long Copied)> CopyAsync(string from, string to);

    /// <summary>lseek with SEEK_DATA or, with <paramref name="hole"/>, SEEK_HOLE.</summary>
    Task<(LinuxErrno Error, long Offset)> SeekAsync(string path, long offset, bool hole);

    Task<(LinuxErrno Error, string[] Names)> ListAttributesAsync(string path);

    /// <summary>getxattr's errno (the value is not compared: no target here has one).</summary>
    Task<LinuxErrno> GetAttributeAsync(string path, string name);

    /// <summary>access(2) with R_OK 4, W_OK 2, X_OK 1, F_OK 0.</summary>
    Task<LinuxErrno> AccessAsync(string path, uint mode);
}
