using FsMount.Cli.Status;

namespace FsMount.Cli.Commands;

/// <summary>
/// Where the processes of one account on this host share its call budget (the client's
/// <c>SharedPacingFile</c>): a file named after the account in the <c>pacing</c> folder of the user's
/// private runtime folder (beside the status sockets, mode 0700), so two mounts of the account, or a
/// mount and a command run beside it or just after it, pace their calls as one. On Windows it is in
/// <c>%LOCALAPPDATA%\fsmount\pacing</c>.
/// </summary>
internal static class SharedPacingLocation
{
    // Far longer than any wait the file can hold (flood pauses end within minutes): an older file paces
    // nothing, and removing it keeps the folder to the accounts in use. A process opens the file for each
    // call, so one that wakes after a removal simply starts a new file.
    private static readonly TimeSpan s_unusedFor = TimeSpan.FromHours(1);

    /// <summary>The account's file; null when no private folder can be had, and each process then paces itself alone.</summary>
    public static string? For(string accountIdentity, string apiKey)
    {
        string folder;
        try
        {
            folder = OperatingSystem.IsWindows()
                ? Directory.CreateDirectory(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "fsmount", "pacing")).FullName
                : Directory.CreateDirectory(Path.Combine(StatusSocketFolder.EnsurePrivate(), "pacing"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute).FullName;
            RemoveUnused(folder);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return Path.Combine(folder, CacheLocation.AccountName(accountIdentity, apiKey));
    }

    private static void RemoveUnused(string folder)
    {
        var unusedSince = DateTime.UtcNow - s_unusedFor;
        foreach (var file in new DirectoryInfo(folder).EnumerateFiles().Where(file => file.LastWriteTimeUtc < unusedSince))
        {
            file.Delete();
        }
    }
}
