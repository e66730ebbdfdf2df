using FsMount.Core.Errors;

namespace FsMount.Core.Persistence;

/// <summary>
/// The cache folder of an account: private to its user (0700), and used by one mount at a time,
/// which holds its lock file open exclusively (an advisory lock the kernel drops when the process
/// dies, so a crash never leaves it locked).
/// </summary>
internal static class CacheFolder
{
    public const string DatabaseName = "fsmount.db";
    private const string LockName = "lock";

    public static FileStream Lock(string directory)
    {
        var info = Directory.CreateDirectory(directory);
        if (!OperatingSystem.IsWindows())
        {
            info.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        }

        try
        {
            return new FileStream(Path.Combine(directory, LockName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new FsException(FsError.AccessDenied, $"the cache folder {directory} is in use by another mount", ex);
        }
    }
}
