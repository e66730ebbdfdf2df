using FsMount.Core.Errors;
using FsMount.Core.Remote;

namespace FsMount.OneFichier;

/// <content>Folder mutations: <c>folder/mkdir.cgi</c>, <c>folder/rm.cgi</c>, <c>folder/mv.cgi</c>.</content>
public sealed partial class OneFichierDrive
{
    public Task<RemoteFolder> CreateFolderAsync(long parentFolderId, string name, CancellationToken cancellationToken)
    {
        var started = _client.Time.GetUtcNow();
        return RunCreatingAsync(
            "folder/mkdir.cgi",
            async () =>
            {
                var created = await _client.CreateFolderAsync(parentFolderId, name, cancellationToken).ConfigureAwait(false);
                return new RemoteFolder(created.FolderId, name, started);
            },
            () => FindCreatedFolderAsync(parentFolderId, name, started, cancellationToken));
    }

    /// <summary>An empty folder goes; "Resource not found" means it is gone already (a repeat hears that too).</summary>
    public Task RemoveFolderAsync(long folderId, CancellationToken cancellationToken) => RunIdempotentAsync(
        () => _client.RemoveFolderAsync(folderId, cancellationToken),
        IsGone,
        async () =>
        {
            try
            {
                await _client.ListFolderAsync(folderId, cancellationToken).ConfigureAwait(false);
                return false;
            }
            catch (OneFichierException e) when (IsGone(e))
            {
                return true;
            }
        });

    /// <summary>
    /// A move and a rename are sent as two <c>folder/mv.cgi</c>: a move that keeps the name, then a rename where the
    /// folder now is. What one call with both <c>destination_folder_id</c> and <c>rename</c> does is unsettled (a
    /// rename in place, or a move and a rename: docs/onefichier-api.md section 13, question 4); each of the two calls
    /// means the same under either reading. When the destination already holds another folder of the old name, the
    /// rename comes first instead. Every call names its destination, the root's 0 included.
    /// </summary>
    public async Task MoveFolderAsync(RemoteFolderMove move, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(move);
        var moves = move.FromParentId != move.ToParentId;
        var renames = move.FromName != move.ToName;
        if (!moves || !renames)
        {
            if (moves || renames)
            {
                await MoveFolderStepAsync(move.FolderId, move.ToParentId, renames ? move.ToName : null, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        try
        {
            await MoveFolderStepAsync(move.FolderId, move.ToParentId, null, cancellationToken).ConfigureAwait(false);
        }
        catch (RemoteDriveException e) when (e.Error == FsError.Exists)
        {
            // The destination holds another folder of the old name; the new name may still be free there.
            await MoveFolderStepAsync(move.FolderId, move.FromParentId, move.ToName, cancellationToken).ConfigureAwait(false);
            await MoveFolderStepAsync(move.FolderId, move.ToParentId, null, cancellationToken).ConfigureAwait(false);
            return;
        }

        await MoveFolderStepAsync(move.FolderId, move.ToParentId, move.ToName, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The folder a mkdir whose answer was lost made: the newest of that name in the parent, created since the call
    /// started. An older one was there before the call, so the name is taken, and not by us.
    /// </summary>
    private async Task<RemoteFolder?> FindCreatedFolderAsync(long parentFolderId, string name, DateTimeOffset started, CancellationToken cancellationToken)
    {
        var listing = await _client.ListFolderAsync(parentFolderId, cancellationToken).ConfigureAwait(false);
        var folder = listing.SubFolders?.Where(f => f.Name == name).MaxBy(f => f.CreateDate);
        if (folder is null)
        {
            return null;
        }

        return folder.CreateDate >= started - _client.Options.ServiceClockSlack
            ? new RemoteFolder(folder.Id, folder.Name, folder.CreateDate)
            : throw new RemoteDriveException(FsError.Exists, "folder/mkdir.cgi: a folder of that name was there before");
    }

    /// <summary>One <c>folder/mv.cgi</c>: the folder into <paramref name="parentId"/> (where it may be already), renamed when <paramref name="newName"/> is set.</summary>
    private Task MoveFolderStepAsync(long folderId, long parentId, string? newName, CancellationToken cancellationToken) => RunIdempotentAsync(
        () => _client.MoveFolderAsync(folderId, parentId, newName, cancellationToken),
        _ => false,
        async () =>
        {
            var listing = await _client.ListFolderAsync(parentId, cancellationToken).ConfigureAwait(false);
            return listing.SubFolders?.Any(f => f.Id == folderId && (newName is null || f.Name == newName)) == true;
        });
}
