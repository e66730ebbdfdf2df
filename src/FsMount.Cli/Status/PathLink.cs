using FsMount.Core.Errors;
using FsMount.Core.Vfs;

namespace FsMount.Cli.Status;

/// <summary>
/// What <c>fsmount link</c> prints for one path: its permanent <see cref="Link"/>, or the one line
/// (<see cref="Problem"/>) saying why it has none and what to do. Found the same way by a running mount
/// asked on its status socket and by the command over the account's cache folder.
/// </summary>
internal sealed record PathLink(string Path, string? Link, string? Problem)
{
    public static PathLink Of(string path, string link) => new(path, link, null);

    public static PathLink Pending(string path) =>
        new(path, null, $"fsmount: {path} has no link yet: its upload is still pending (try again once it is uploaded)");

    public static PathLink Unlinked(string path, string problem) => new(path, null, problem);

    /// <summary>The link of the file at <paramref name="path"/> from the account's root (a leading slash is optional).</summary>
    /// <exception cref="FsException">A folder on the way could not be listed; the cause is the service's answer.</exception>
    public static async Task<PathLink> FindAsync(MountedFileSystem account, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(path);
        var found = await account.FindLinkAsync(path.Split('/', StringSplitOptions.RemoveEmptyEntries), cancellationToken);
        return found.IsSuccess ? Of(path, found.Value)
            : found.Error == FsError.NoAttribute ? Pending(path)
            : found.Error == FsError.IsDirectory ? Unlinked(path, $"fsmount: {path} is a folder; give a file (the service gives folders no link)")
            : found.Error is FsError.NotFound or FsError.NotDirectory ? Unlinked(path, $"fsmount: {path} is not a file of the account; give its path from the account's root, such as /films/a.mkv")
            : Unlinked(path, $"fsmount: cannot find {path}: {found.Error}; try again in a moment");
    }

    /// <summary>The line to print: the link alone, or after its path and a tab when several paths were given; else the problem.</summary>
    public string Line(bool withPath) => Link is null ? Problem ?? $"fsmount: {Path} has no link" : withPath ? $"{Path}\t{Link}" : Link;
}
