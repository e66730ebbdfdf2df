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
    public async ValueTask<FsResult<long>> FindFolderIdAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var found = await LookupPathAsync(names, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        lock (_namespace.Gate)
        {
            if (!_namespace.Nodes.TryGet(found.Value.Attributes.NodeId, out var node))
            {
                return FsError.NotFound;
            }

            // The walk left a reference for its caller; this caller keeps only the id.
            _namespace.Release(node, lookups: 1, opens: 0);
            return node is DirectoryNode directory ? (FsResult<long>)directory.FolderId : FsError.NotDirectory;
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
