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
    public async ValueTask<FsResult<long>> FindFolderIdAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var found = await WalkAsync(names, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        lock (_namespace.Gate)
        {
            var node = ReleaseWalked(found.Value);
            return node is null ? FsError.NotFound
                : node is DirectoryNode directory ? (FsResult<long>)directory.FolderId
                : FsError.NotDirectory;
        }
    }

    /// <summary>
    /// The node a walk from the root found, with the reference the walk left for its caller released:
    /// callers that keep only what the node says, not the node. Null when it is gone. Under the gate.
    /// </summary>
    private Node? ReleaseWalked(ResolvedPath found)
    {
        if (!_namespace.Nodes.TryGet(found.Attributes.NodeId, out var node))
        {
            return null;
        }

        _namespace.Release(node, lookups: 1, opens: 0);
        return node;
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
