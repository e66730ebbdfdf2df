using FsMount.Core.Errors;

namespace FsMount.Core.Vfs;

/// <content>
/// Files that arrive in a folder by other means than the mount's own writes (the service's remote
/// upload, asked through the mount): the folder is found by its path, and outdated once they arrived,
/// so its next listing (within the service's 30-s rule) shows them without a remount.
/// </content>
public sealed partial class MountedFileSystem
{
    /// <summary>The remote id of the folder at <paramref name="names"/> from the root (NotFound, NotDirectory otherwise).</summary>
    /// <exception cref="FsException">A folder on the way could not be listed; the cause is the service's answer (a refused key).</exception>
    public ValueTask<FsResult<long>> FindFolderIdAsync(IReadOnlyList<string> names, CancellationToken cancellationToken) =>
        FindAsync(
            names,
            node => node is null ? FsError.NotFound
                : node is DirectoryNode directory ? (FsResult<long>)directory.FolderId
                : FsError.NotDirectory,
            cancellationToken);

    /// <summary>
    /// What <paramref name="describe"/> says of the node at <paramref name="names"/> from the root (null when it
    /// is gone), under the gate, for callers that keep only that, not the node: the reference the walk left for
    /// its caller is released.
    /// </summary>
    private async ValueTask<FsResult<T>> FindAsync<T>(IReadOnlyList<string> names, Func<Node?, FsResult<T>> describe, CancellationToken cancellationToken)
    {
        var found = await WalkAsync(names, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        lock (_namespace.Gate)
        {
            if (!_namespace.Nodes.TryGet(found.Value.Attributes.NodeId, out var node))
            {
                return describe(null);
            }

            _namespace.Release(node, lookups: 1, opens: 0);
            return describe(node);
        }
    }

    /// <summary>Files arrived in the folder by other means: its next access lists it again.</summary>
    public void FilesArrived(long folderId)
    {
        lock (_namespace.Gate)
        {
            _namespace.Outdate(folderId);
        }
    }
}
