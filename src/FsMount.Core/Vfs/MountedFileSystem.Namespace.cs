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

    public async ValueTask<FsResult<NodeAttributes>> CreateDirectoryAsync(ulong parentNodeId, string name, uint permissions, CancellationToken cancellationToken)
    {
        var refused = RefuseIfReadOnly();
        if (refused == FsError.None)
        {
            refused = CheckName(name);
        }

        if (refused == FsError.None && name.Length > MaxFolderNameLength)
        {
            refused = FsError.NameTooLong;
        }

        var parent = FindDirectory(parentNodeId);
        if (refused != FsError.None || !parent.IsSuccess)
        {
            return refused != FsError.None ? refused : parent.Error;
        }

        using var change = await _directoryChanges.LockAsync(parent.Value.FolderId, cancellationToken);
        var view = await ViewAsync(parent.Value, cancellationToken);
        if (!view.IsSuccess)
        {
            return view.Error;
        }

        if (view.Value.TryFind(name, out _))
        {
            return FsError.Exists;
        }

        return await GuardAsync("mkdir", name, async () =>
        {
            var folder = await _drive.CreateFolderAsync(parent.Value.FolderId, name, cancellationToken) with { Name = name };
            var now = _time.GetUtcNow();
            lock (_namespace.Gate)
            {
                _namespace.ContentsOf(parent.Value.FolderId).Added[EntryKey.ForFolder(folder.Id)] = new PendingEntry(ListingEntry.ForFolder(folder), now);

                // A new folder is empty: its first listing is known without asking.
                _namespace.ApplyListing(new RemoteFolderListing(folder.Id, name, [], []), now, now + _options.DirectoryCacheTime);
                _namespace.Refresh(parent.Value.FolderId);
                var node = _namespace.Nodes.Find(EntryKey.ForFolder(folder.Id))!;
                if (permissions != DefaultDirectoryPermissions)
                {
                    _namespace.Keep(node, new KeptAttributes(null, null, permissions));
                }

                _namespace.Acquire(node);
                return FsResult.Success(Describe(node));
            }
        }, cancellationToken);
    }

    public async ValueTask<FsError> RemoveFileAsync(ulong parentNodeId, string name, CancellationToken cancellationToken)
    {
        var refused = RefuseIfReadOnly();
        var parent = FindDirectory(parentNodeId);
        if (refused != FsError.None || !parent.IsSuccess)
        {
            return refused != FsError.None ? refused : parent.Error;
        }

        using var change = await _directoryChanges.LockAsync(parent.Value.FolderId, cancellationToken);
        var view = await ViewAsync(parent.Value, cancellationToken);
        if (!view.IsSuccess)
        {
            return view.Error;
        }

        if (!view.Value.TryFind(name, out var node))
        {
            return FsError.NotFound;
        }

        if (node is not FileNode file)
        {
            return FsError.IsDirectory;
        }

        var removed = await GuardAsync("unlink", name, async () =>
        {
            await RemoveAsync(parent.Value, file, cancellationToken);
            return FsResult.Success(true);
        }, cancellationToken);
        return removed.Error;
    }

    public async ValueTask<FsError> RemoveDirectoryAsync(ulong parentNodeId, string name, CancellationToken cancellationToken)
    {
        var refused = RefuseIfReadOnly();
        var parent = FindDirectory(parentNodeId);
        if (refused != FsError.None || !parent.IsSuccess)
        {
            return refused != FsError.None ? refused : parent.Error;
        }

        using var change = await _directoryChanges.LockAsync(parent.Value.FolderId, cancellationToken);
        var view = await ViewAsync(parent.Value, cancellationToken);
        if (!view.IsSuccess)
        {
            return view.Error;
        }

        if (!view.Value.TryFind(name, out var node))
        {
            return FsError.NotFound;
        }

        if (node is not DirectoryNode directory)
        {
            return FsError.NotDirectory;
        }

        var removed = await GuardAsync("rmdir", name, async () =>
        {
            await RemoveDirectoryAsync(parent.Value, directory, cancellationToken);
            return FsResult.Success(true);
        }, cancellationToken);
        return removed.Error;
    }

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
                DirectoryNode directory => MoveDirectoryAsync(directory, parent.Value, newParent.Value, newName, cancellationToken),
                FileNode { Staged: { } staged } file => MoveStagedAsync(file, staged, newParent.Value, newName, (FileNode?)target),
                _ => MoveRemoteFileAsync((FileNode)source, parent.Value, newParent.Value, newName, (FileNode?)target, cancellationToken),
            };
            await moved;
            return FsResult.Success(true);
        }, cancellationToken);
        return renamed.Error;
    }

    /// <summary>Unlinks a file: a staged one costs no remote call unless it already left traces there.</summary>
    private async ValueTask RemoveAsync(DirectoryNode parent, FileNode file, CancellationToken cancellationToken)
    {
        StagedFile? staged;
        RemoteFile? remote;
        lock (_namespace.Gate)
        {
            staged = file.Staged;
            remote = file.Remote;
        }

        if (staged is not null)
        {
            await DeleteStagedAsync(staged);
            return;
        }

        await _drive.RemoveFileAsync(remote!, cancellationToken);
        var key = EntryKey.ForFile(remote!.Id);
        lock (_namespace.Gate)
        {
            var contents = _namespace.ContentsOf(parent.FolderId);
            contents.Added.Remove(key);
            contents.Removed[key] = _time.GetUtcNow();
            _namespace.Kept.Remove(key);
            _namespace.Refresh(parent.FolderId);
        }
    }

    /// <summary>
    /// A staged file removed: its bytes go (handles still open keep what they hold, as on a local
    /// disk), and what it already left on the service (an upload, the file it overwrote) is cleaned
    /// up by the queue through the journal.
    /// </summary>
    private async ValueTask DeleteStagedAsync(StagedFile staged)
    {
        var running = staged.MarkDeleted();
        StagingArea.DiscardData(staged);
        lock (_namespace.Gate)
        {
            _namespace.ContentsOf(staged.State.FolderId).Added.Remove(EntryKey.ForStaged(staged.Id));
            _namespace.Refresh(staged.State.FolderId);
        }

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
    }

    private async ValueTask RemoveDirectoryAsync(DirectoryNode parent, DirectoryNode directory, CancellationToken cancellationToken)
    {
        if (!IsKnownEmpty(directory))
        {
            throw new FsException(FsError.NotEmpty, $"folder {directory.FolderId} is not empty");
        }

        await _drive.RemoveFolderAsync(directory.FolderId, cancellationToken);
        var key = EntryKey.ForFolder(directory.FolderId);
        lock (_namespace.Gate)
        {
            var contents = _namespace.ContentsOf(parent.FolderId);
            contents.Added.Remove(key);
            contents.Removed[key] = _time.GetUtcNow();
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
        Place(EntryKey.ForFolder(directory.FolderId), ListingEntry.ForFolder(moved), parent, newParent, hiddenTarget: null);
    }

    // A staged file moves in the journal only; an upload in progress is moved into place after it lands.
    private async Task MoveStagedAsync(FileNode file, StagedFile staged, DirectoryNode newParent, string newName, FileNode? target)
    {
        var from = FindDirectoryOf(staged);
        PlacedFile? replaced = null;
        if (target is { Staged: { } targetStaged })
        {
            await DeleteStagedAsync(targetStaged);
        }
        else if (target?.Remote is { } targetRemote)
        {
            // The file it replaces stays on the service until the new one is uploaded.
            replaced = new PlacedFile(targetRemote, newParent.FolderId);
        }

        staged.Update(state => state with
        {
            FolderId = newParent.FolderId,
            Name = newName,
            Replaces = replaced is null ? state.Replaces : [.. state.Replaces, replaced],
        });
        Place(EntryKey.ForStaged(staged.Id), ListingEntry.ForStaged(staged, newName), from, newParent, replaced is null ? null : EntryKey.ForFile(replaced.File.Id));
        lock (_namespace.Gate)
        {
            _namespace.InvalidateNode(file, content: false);
        }
    }

    private async Task MoveRemoteFileAsync(FileNode file, DirectoryNode parent, DirectoryNode newParent, string newName, FileNode? target, CancellationToken cancellationToken)
    {
        var remote = file.Remote!;
        var moved = await _drive.MoveFileAsync(remote, parent.FolderId, newParent.FolderId, newName, cancellationToken) with { Name = newName };
        if (target is { Staged: { } targetStaged })
        {
            await DeleteStagedAsync(targetStaged);
            target = null;
        }

        var hidden = target?.Remote is { } targetRemote ? EntryKey.ForFile(targetRemote.Id) : (EntryKey?)null;
        Place(EntryKey.ForFile(remote.Id), ListingEntry.ForFile(moved), parent, newParent, hidden);
        if (target?.Remote is not { } replaced)
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

    /// <summary>Shows an entry in its new place (and no longer in its old one), hiding the target it replaces.</summary>
    private void Place(EntryKey key, ListingEntry entry, DirectoryNode from, DirectoryNode to, EntryKey? hiddenTarget)
    {
        var now = _time.GetUtcNow();
        lock (_namespace.Gate)
        {
            var source = _namespace.ContentsOf(from.FolderId);
            var destination = _namespace.ContentsOf(to.FolderId);
            source.Added.Remove(key);
            if (from != to && key.Kind != EntryKind.Staged)
            {
                source.Removed[key] = now;
            }

            destination.Removed.Remove(key);
            destination.Added[key] = new PendingEntry(entry, now);
            if (hiddenTarget is { } hidden)
            {
                destination.Added.Remove(hidden);
                destination.Removed[hidden] = now;
            }

            // The destination first: the node belongs to its view before the source's view lets it go.
            _namespace.Refresh(to.FolderId);
            _namespace.Refresh(from.FolderId);
        }
    }

    private DirectoryNode FindDirectoryOf(StagedFile staged)
    {
        lock (_namespace.Gate)
        {
            return staged.Node?.Parent ?? (DirectoryNode?)_namespace.Nodes.Find(EntryKey.ForFolder(staged.State.FolderId)) ?? _namespace.Nodes.Root;
        }
    }
}
