using FsMount.Core.Errors;
using FsMount.Core.Metadata;
using FsMount.Core.Remote;
using FsMount.Core.Staging;

namespace FsMount.Core.Vfs;

/// <content>
/// mkdir, unlink, rmdir and rename. Each checks the folder's view, makes the one remote call it
/// needs (none for a file that is only staged), then records the result in the folders' overlays,
/// so the change shows at once and no folder is listed again to learn it. Changes of one folder are
/// serialised, so two creates of one name cannot both succeed.
/// </content>
public sealed partial class MountedFileSystem
{
    // The service's limit on folder names (files have none documented; the kernel's NAME_MAX applies).
    private const int MaxFolderNameLength = 250;

    public ValueTask<FsResult<NodeAttributes>> CreateDirectoryAsync(ulong parentNodeId, string name, uint permissions, CancellationToken cancellationToken) =>
        ChangeDirectoryAsync(parentNodeId, name, "mkdir", isNewName: true, async (parent, view) =>
        {
            if (name.Length > MaxFolderNameLength)
            {
                return FsError.NameTooLong;
            }

            if (view.TryFind(name, out _))
            {
                return FsError.Exists;
            }

            var remoteName = RemoteName(name);
            var folder = await _drive.CreateFolderAsync(parent.FolderId, remoteName, cancellationToken) with { Name = remoteName };
            var now = _time.GetUtcNow();
            lock (_namespace.Gate)
            {
                _namespace.ContentsOf(parent.FolderId).Show(ListingEntry.ForFolder(folder), now);

                // A new folder is empty: its first listing is known without asking.
                _namespace.ApplyListing(new RemoteFolderListing(folder.Id, remoteName, [], []), now, now + _options.DirectoryCacheTime);
                _namespace.Refresh(parent.FolderId);
                var node = _namespace.Nodes.Find(EntryKey.ForFolder(folder.Id))!;
                if (permissions != DefaultDirectoryPermissions)
                {
                    _namespace.Keep(node, new KeptAttributes(null, null, permissions));
                }

                _namespace.Acquire(node);
                return FsResult.Success(Describe(node));
            }
        }, cancellationToken);

    public async ValueTask<FsError> RemoveFileAsync(ulong parentNodeId, string name, CancellationToken cancellationToken) =>
        (await ChangeDirectoryAsync(parentNodeId, name, "unlink", isNewName: false, async (parent, view) =>
        {
            if (!view.TryFind(name, out var node))
            {
                return FsError.NotFound;
            }

            if (node is not FileNode file)
            {
                return FsError.IsDirectory;
            }

            await RemoveAsync(parent, file, cancellationToken);
            return FsResult.Success(true);
        }, cancellationToken)).Error;

    public async ValueTask<FsError> RemoveDirectoryAsync(ulong parentNodeId, string name, CancellationToken cancellationToken) =>
        (await ChangeDirectoryAsync(parentNodeId, name, "rmdir", isNewName: false, async (parent, view) =>
        {
            if (!view.TryFind(name, out var node))
            {
                return FsError.NotFound;
            }

            if (node is not DirectoryNode directory)
            {
                return FsError.NotDirectory;
            }

            await RemoveDirectoryAsync(parent, directory, cancellationToken);
            return FsResult.Success(true);
        }, cancellationToken)).Error;

    public async ValueTask<FsError> RenameAsync(ulong parentNodeId, string name, ulong newParentNodeId, string newName, RenameOptions options, CancellationToken cancellationToken)
    {
        var refused = RefuseIfReadOnly();
        if (refused == FsError.None && options == RenameOptions.Exchange)
        {
            // The service cannot swap two entries atomically.
            refused = FsError.InvalidArgument;
        }

        if (refused == FsError.None)
        {
            refused = CheckName(newName);
        }

        var parent = FindDirectory(parentNodeId);
        var newParent = FindDirectory(newParentNodeId);
        if (refused != FsError.None || !parent.IsSuccess || !newParent.IsSuccess)
        {
            return refused != FsError.None ? refused : !parent.IsSuccess ? parent.Error : newParent.Error;
        }

        if (parent.Value == newParent.Value && name == newName)
        {
            return FsError.None;
        }

        // Both folders' changes are held, always in the same order, so two renames cannot deadlock.
        var (first, second) = parent.Value.FolderId <= newParent.Value.FolderId
            ? (parent.Value.FolderId, newParent.Value.FolderId)
            : (newParent.Value.FolderId, parent.Value.FolderId);
        using var firstChange = await _directoryChanges.LockAsync(first, cancellationToken);
        using var secondChange = first == second ? default : await _directoryChanges.LockAsync(second, cancellationToken);

        var view = await ViewAsync(parent.Value, cancellationToken);
        var newView = view.IsSuccess ? await ViewAsync(newParent.Value, cancellationToken) : view;
        if (!view.IsSuccess || !newView.IsSuccess)
        {
            return !view.IsSuccess ? view.Error : newView.Error;
        }

        if (!view.Value.TryFind(name, out var source))
        {
            return FsError.NotFound;
        }

        newView.Value.TryFind(newName, out var target);
        if (target == source)
        {
            // The same entry: a no-op, or, with case-insensitive names, a change of case.
            if (name == newName && parent.Value == newParent.Value)
            {
                return FsError.None;
            }

            target = null;
        }

        if (target is not null)
        {
            var conflict = options == RenameOptions.NoReplace ? FsError.Exists
                : options == RenameOptions.ReplaceFile && target is DirectoryNode ? FsError.NotPermitted
                : source is DirectoryNode && target is FileNode ? FsError.NotDirectory
                : source is FileNode && target is DirectoryNode ? FsError.IsDirectory
                : target is DirectoryNode targetDirectory && !IsKnownEmpty(targetDirectory) ? FsError.NotEmpty
                : FsError.None;
            if (conflict != FsError.None)
            {
                return conflict;
            }
        }

        var renamed = await GuardAsync("rename", name, async () =>
        {
            // An empty folder in the way goes first: the service refuses two folders of one name.
            if (target is DirectoryNode emptyTarget)
            {
                await RemoveDirectoryAsync(newParent.Value, emptyTarget, cancellationToken);
                target = null;
            }

            var moved = source switch
            {
                DirectoryNode directory => MoveDirectoryAsync(directory, parent.Value, newParent.Value, RemoteName(newName), cancellationToken),
                _ => MoveFileAsync((FileNode)source, parent.Value, newParent.Value, RemoteName(newName), (FileNode?)target, cancellationToken),
            };
            await moved;
            return FsResult.Success(true);
        }, cancellationToken);
        return renamed.Error;
    }

    /// <summary>
    /// Runs a change of one directory: refused on a read-only mount (and, for a name it creates,
    /// when the name is one no directory can hold), then with the directory's changes held and its
    /// current view; failures of the service become the error the user sees.
    /// </summary>
    private async ValueTask<FsResult<T>> ChangeDirectoryAsync<T>(
        ulong parentNodeId, string name, string operation, bool isNewName, Func<DirectoryNode, DirectoryView, ValueTask<FsResult<T>>> change, CancellationToken cancellationToken)
    {
        var refused = RefuseIfReadOnly();
        if (refused == FsError.None && isNewName)
        {
            refused = CheckName(name);
        }

        var parent = FindDirectory(parentNodeId);
        if (refused != FsError.None || !parent.IsSuccess)
        {
            return refused != FsError.None ? refused : parent.Error;
        }

        using var changing = await _directoryChanges.LockAsync(parent.Value.FolderId, cancellationToken);
        var view = await ViewAsync(parent.Value, cancellationToken);
        if (!view.IsSuccess)
        {
            return view.Error;
        }

        return await GuardAsync(operation, name, () => change(parent.Value, view.Value), cancellationToken);
    }

    /// <summary>Unlinks a file: a staged one costs no remote call unless it already left traces there.</summary>
    private async ValueTask RemoveAsync(DirectoryNode parent, FileNode file, CancellationToken cancellationToken)
    {
        if (await TryDeleteStagedAsync(file))
        {
            return;
        }

        RemoteFile remote;
        lock (_namespace.Gate)
        {
            remote = file.Remote ?? throw new FsException(FsError.NotFound, $"'{file.Name}' is gone");
        }

        await _drive.RemoveFileAsync(remote, cancellationToken);
        var key = EntryKey.ForFile(remote.Id);
        lock (_namespace.Gate)
        {
            _namespace.ContentsOf(parent.FolderId).Hide(key, _time.GetUtcNow());
            _namespace.Kept.Remove(key);
            _namespace.Refresh(parent.FolderId);
        }
    }

    /// <summary>
    /// Removes a node's staged copy, if it still has one: its bytes go (handles still open keep what
    /// they hold, as on a local disk), and what it already left on the service (an upload, the file it
    /// overwrote) is cleaned up by the queue through the journal. False when the node has no staged
    /// copy (any more: its upload may have been bound meanwhile), so the caller removes the remote file.
    /// Decided under the namespace lock, where an upload is bound too, so the two never cross.
    /// </summary>
    private async ValueTask<bool> TryDeleteStagedAsync(FileNode node)
    {
        StagedFile staged;
        UploadRun? running;
        lock (_namespace.Gate)
        {
            if (node.Staged is not { } current)
            {
                return false;
            }

            staged = current;
            running = staged.MarkDeleted();
            _namespace.ContentsOf(staged.State.FolderId).Hide(EntryKey.ForStaged(staged.Id), _time.GetUtcNow());
            _namespace.Refresh(staged.State.FolderId);
        }

        StagingArea.DiscardData(staged);
        if (running is not null)
        {
            await running.StopAsync();
        }

        if (staged.HasNoRemoteTrace)
        {
            _staging.Forget(staged);
        }
        else
        {
            staged.ScheduleAt(_time.GetUtcNow());
            _uploads.Wake();
        }

        return true;
    }

    private async ValueTask RemoveDirectoryAsync(DirectoryNode parent, DirectoryNode directory, CancellationToken cancellationToken)
    {
        if (!IsKnownEmpty(directory))
        {
            throw new FsException(FsError.NotEmpty, $"folder {directory.FolderId} is not empty");
        }

        // Uploads of ours still in the folder (one landing there while its file was moved away, an
        // overwritten file not removed yet) leave it empty only once they settle: hurry them.
        if (_staging.WithRemoteTracesIn(directory.FolderId).Any())
        {
            foreach (var staged in _staging.WithRemoteTracesIn(directory.FolderId))
            {
                staged.ScheduleAt(_time.GetUtcNow());
            }

            _uploads.Wake();
            await _uploads.WaitUntilAsync(() => !_staging.WithRemoteTracesIn(directory.FolderId).Any(), _options.MaxUploadRetryDelay, tick: null, cancellationToken);
        }

        await _drive.RemoveFolderAsync(directory.FolderId, cancellationToken);
        var key = EntryKey.ForFolder(directory.FolderId);
        lock (_namespace.Gate)
        {
            _namespace.ContentsOf(parent.FolderId).Hide(key, _time.GetUtcNow());
            _namespace.DropContents(directory.FolderId);
            _namespace.Kept.Remove(key);
            _namespace.Refresh(parent.FolderId);
        }
    }

    /// <summary>
    /// False when the folder shows anything (its view, or entries of ours pending in it). A folder
    /// not listed yet counts as empty: the service refuses to remove a folder that is not, so no
    /// listing is spent to find out.
    /// </summary>
    private bool IsKnownEmpty(DirectoryNode directory)
    {
        lock (_namespace.Gate)
        {
            var contents = _namespace.FindContents(directory.FolderId);
            return contents is null || (contents.Added.Count == 0 && (contents.View?.Entries.Count ?? 0) == 0);
        }
    }

    private async Task MoveDirectoryAsync(DirectoryNode directory, DirectoryNode parent, DirectoryNode newParent, string newName, CancellationToken cancellationToken)
    {
        string remoteName;
        lock (_namespace.Gate)
        {
            remoteName = directory.RemoteName;
        }

        await _drive.MoveFolderAsync(new RemoteFolderMove(directory.FolderId, parent.FolderId, remoteName, newParent.FolderId, newName), cancellationToken);
        var moved = new RemoteFolder(directory.FolderId, newName, directory.Created);
        lock (_namespace.Gate)
        {
            Place(EntryKey.ForFolder(directory.FolderId), ListingEntry.ForFolder(moved), parent.FolderId, newParent.FolderId, hiddenTarget: null, _time.GetUtcNow());
        }
    }

    /// <summary>
    /// Renames a file: a staged one in the journal only (an upload in progress is moved into place
    /// after it lands, and a remote file it replaces stays until the new one is uploaded), a remote
    /// one with one call, then the target it replaces is removed.
    /// </summary>
    private async Task MoveFileAsync(FileNode file, DirectoryNode parent, DirectoryNode newParent, string newName, FileNode? target, CancellationToken cancellationToken)
    {
        if (target is not null && await TryDeleteStagedAsync(target))
        {
            target = null;
        }

        var now = _time.GetUtcNow();
        RemoteFile? replaced;
        lock (_namespace.Gate)
        {
            replaced = target?.Remote;
            if (file.Staged is { } staged)
            {
                // Under the lock where uploads are bound: the journal and the view change together.
                var placed = replaced is null ? null : new PlacedFile(replaced, newParent.FolderId);
                var from = staged.State.FolderId;
                staged.Update(state => state with
                {
                    FolderId = newParent.FolderId,
                    Name = newName,
                    Replaces = placed is null ? state.Replaces : [.. state.Replaces, placed],
                });
                Place(EntryKey.ForStaged(staged.Id), ListingEntry.ForStaged(staged, newName), from, newParent.FolderId, placed is null ? null : EntryKey.ForFile(placed.File.Id), now);
                _namespace.InvalidateNode(file, content: false);
                return;
            }
        }

        var remote = file.Remote ?? throw new FsException(FsError.NotFound, $"'{file.Name}' is gone");
        var moved = await _drive.MoveFileAsync(remote, parent.FolderId, newParent.FolderId, newName, cancellationToken) with { Name = newName };
        var hidden = replaced is null ? (EntryKey?)null : EntryKey.ForFile(replaced.Id);
        lock (_namespace.Gate)
        {
            Place(EntryKey.ForFile(remote.Id), ListingEntry.ForFile(moved), parent.FolderId, newParent.FolderId, hidden, now);
        }

        if (replaced is null)
        {
            return;
        }

        try
        {
            await _drive.RemoveFileAsync(replaced, cancellationToken);
            lock (_namespace.Gate)
            {
                _namespace.Kept.Remove(EntryKey.ForFile(replaced.Id));
            }
        }
        catch (FsException ex)
        {
            // The rename happened; the file it was to replace is still there, so show it again.
            Log.ReplacedRemovalFailed(_logger, replaced.Name, ex);
            lock (_namespace.Gate)
            {
                _namespace.ContentsOf(newParent.FolderId).Removed.Remove(EntryKey.ForFile(replaced.Id));
                _namespace.Refresh(newParent.FolderId);
            }
        }
    }

    /// <summary>Shows an entry in its new place (and no longer in its old one), hiding the target it replaces. Under the namespace lock.</summary>
    private void Place(EntryKey key, ListingEntry entry, long from, long to, EntryKey? hiddenTarget, DateTimeOffset now)
    {
        if (from != to)
        {
            _namespace.ContentsOf(from).Hide(key, now);
        }

        var destination = _namespace.ContentsOf(to);
        destination.Show(entry, now);
        if (hiddenTarget is { } hidden)
        {
            destination.Hide(hidden, now);
        }

        // The destination first: the node belongs to its view before the source's view lets it go.
        _namespace.Refresh(to);
        _namespace.Refresh(from);
    }

}
