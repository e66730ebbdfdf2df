namespace FsMount.Core.Names;

/// <summary>
/// Makes a remote name one that a POSIX directory can hold. The service (after the drive's decoding)
/// may report names with a slash or a NUL, or exactly "." or "..": the kernel rejects a whole
/// directory listing that contains one. They are shown with the stand-ins rclone uses on the remote
/// (full-width slash and dot, the NUL symbol), so both tools show the same name.
/// </summary>
internal static class PosixNames
{
    public static string Present(string remoteName)
    {
        ArgumentNullException.ThrowIfNull(remoteName);
        return remoteName switch
        {
            "" => "\u2400",
            "." => "\uFF0E",
            ".." => "\uFF0E\uFF0E",
            _ when remoteName.AsSpan().IndexOfAny('/', '\0') < 0 => remoteName,
            _ => remoteName.Replace('/', '\uFF0F').Replace('\0', '\u2400'),
        };
    }
}
