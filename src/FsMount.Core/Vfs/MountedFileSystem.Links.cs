using FsMount.Core.Errors;

namespace FsMount.Core.Vfs;

/// <content>
/// A file's permanent link by its path, for commands that name account paths rather than mounted
/// files (<c>fsmount link --profile</c>): the same walk as a lookup (saved and cached listings first,
/// a listing asked only when none is fresh) and the same value as the file's link attribute.
/// </content>
public sealed partial class MountedFileSystem
{
    /// <summary>
    /// The link of the file at <paramref name="names"/> from the root; NotFound (or NotDirectory for a
    /// file on the way), IsDirectory for a folder, NoAttribute for a file whose content is not uploaded yet.
    /// </summary>
    /// <exception cref="FsException">A folder on the way could not be listed; the cause is the service's answer (a refused key).</exception>
    public ValueTask<FsResult<string>> FindLinkAsync(IReadOnlyList<string> names, CancellationToken cancellationToken) =>
        FindAsync(
            names,
            node => node is null ? FsError.NotFound
                : node is DirectoryNode ? FsError.IsDirectory
                : _serviceAttributes.LinkOf(node) is { } link ? FsResult.Success(link)
                : FsError.NoAttribute,
            cancellationToken);
}
