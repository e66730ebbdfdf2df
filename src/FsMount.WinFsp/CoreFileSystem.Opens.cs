using FsMount.Core.Vfs;

namespace FsMount.WinFsp;

/// <content>Create, open, overwrite, cleanup (with delete-on-close) and close.</content>
internal sealed partial class CoreFileSystem
{
    public ValueTask<OpenResult> CreateAsync(string path, uint createOptions, CancellationToken cancellationToken) =>
        InParentAsync(path, OpenResult.Failed, async (parent, name) =>
        {
            var normalized = WindowsPath.Join([.. parent.Names, name]);
            OpenResult created;
            if ((createOptions & WinFspFlags.DirectoryFile) != 0)
            {
                var made = await _fileSystem.CreateDirectoryAsync(parent.Attributes.NodeId, name, DirectoryPermissions, cancellationToken);
                created = made.IsSuccess
                    ? new OpenResult(NtStatus.Success, new FileContext(made.Value.NodeId, isDirectory: true), _encoder.Encode(made.Value), normalized)
                    : OpenResult.Failed(NtStatusMap.From(made.Error));
            }
            else
            {
                var made = await _fileSystem.CreateAsync(parent.Attributes.NodeId, name, FilePermissions, exclusive: true, new OpenOptions(FileAccessMode.ReadWrite), cancellationToken);
                created = made.IsSuccess
                    ? new OpenResult(NtStatus.Success, new FileContext(made.Value.Attributes.NodeId, isDirectory: false, made.Value.HandleId), _encoder.Encode(made.Value.Attributes), normalized)
                    : OpenResult.Failed(NtStatusMap.From(made.Error));
            }

            if (created.Status == NtStatus.Success)
            {
                _probes.Forget(path);
            }

            return created;
        }, cancellationToken);

    public async ValueTask<OpenResult> OpenAsync(string path, uint createOptions, uint grantedAccess, CancellationToken cancellationToken)
    {
        var (status, found) = await FindAsync(path, cancellationToken);
        if (status != NtStatus.Success)
        {
            return OpenResult.Failed(status);
        }

        var opened = await OpenFoundAsync(path, found, createOptions, grantedAccess, cancellationToken);
        if (opened.Status != NtStatus.Success)
        {
            _fileSystem.Forget(found.Attributes.NodeId, 1);
        }

        return opened;
    }

    /// <summary>FILE_OVERWRITE and FILE_SUPERSEDE: the file is truncated as open(2) with O_TRUNC does, so its old content is never fetched.</summary>
    public async ValueTask<IoResult> OverwriteAsync(FileContext file, CancellationToken cancellationToken)
    {
        if (file.IsDirectory)
        {
            return IoResult.Failed(NtStatus.FileIsADirectory);
        }

        var reopened = await _fileSystem.OpenAsync(file.NodeId, new OpenOptions(FileAccessMode.ReadWrite, Truncate: true), cancellationToken);
        if (!reopened.IsSuccess)
        {
            return IoResult.Failed(NtStatusMap.From(reopened.Error));
        }

        await _fileSystem.ReleaseAsync(file.ReplaceHandle(reopened.Value.HandleId));
        return new IoResult(NtStatus.Success, _encoder.Encode(reopened.Value.Attributes));
    }

    /// <summary>
    /// The last handle of an open closed. A delete decided earlier (CanDelete, or delete-on-close
    /// checked at open) happens now; otherwise what was written reaches the upload journal, as at close(2).
    /// Windows takes no error here, so a failure is only logged.
    /// </summary>
    public async ValueTask CleanupAsync(FileContext file, string? path, uint flags, CancellationToken cancellationToken)
    {
        if ((flags & WinFspFlags.CleanupDelete) != 0 && path is not null)
        {
            var deleted = await InParentAsync(path, failed => failed, async (parent, name) => NtStatusMap.From(file.IsDirectory
                ? await _fileSystem.RemoveDirectoryAsync(parent.Attributes.NodeId, name, cancellationToken)
                : await _fileSystem.RemoveFileAsync(parent.Attributes.NodeId, name, cancellationToken)), cancellationToken);
            if (deleted != NtStatus.Success)
            {
                Log.CleanupFailed(_logger, "delete", path, deleted);
            }
        }
        else if (!file.IsDirectory)
        {
            var saved = NtStatusMap.From(await _fileSystem.FlushAsync(file.HandleId, cancellationToken));
            if (saved != NtStatus.Success)
            {
                Log.CleanupFailed(_logger, "save", path ?? $"node {file.NodeId}", saved);
            }
        }
    }

    /// <summary>The open ends: its handle is released (the last writer's release schedules the upload) and its reference given back.</summary>
    public async ValueTask CloseAsync(FileContext file)
    {
        if (!file.IsDirectory)
        {
            await _fileSystem.ReleaseAsync(file.HandleId);
        }

        _fileSystem.Forget(file.NodeId, 1);
    }

    public ValueTask<int> CanDeleteAsync(string path, CancellationToken cancellationToken) =>
        InParentAsync(path, failed => failed, async (parent, name) =>
            NtStatusMap.From(await _fileSystem.CheckRemoveAsync(parent.Attributes.NodeId, name, cancellationToken)), cancellationToken);

    private async ValueTask<OpenResult> OpenFoundAsync(string path, ResolvedPath found, uint createOptions, uint grantedAccess, CancellationToken cancellationToken)
    {
        var node = found.Attributes;
        var normalized = WindowsPath.Join(found.Names);

        // A delete-on-close open gets no CanDelete call, and the delete at close cannot fail: ask now.
        if ((createOptions & WinFspFlags.DeleteOnClose) != 0)
        {
            var refused = await CanDeleteAsync(path, cancellationToken);
            if (refused != NtStatus.Success)
            {
                return OpenResult.Failed(refused);
            }
        }

        if (node.IsDirectory)
        {
            return new OpenResult(NtStatus.Success, new FileContext(node.NodeId, isDirectory: true), _encoder.Encode(node), normalized);
        }

        // Opening for writing costs nothing until the first change (the core stages lazily).
        var options = (grantedAccess & WinFspFlags.WriteAccess) != 0 ? new OpenOptions(FileAccessMode.ReadWrite) : OpenOptions.ReadOnly;
        var opened = await _fileSystem.OpenAsync(node.NodeId, options, cancellationToken);
        return opened.IsSuccess
            ? new OpenResult(NtStatus.Success, new FileContext(node.NodeId, isDirectory: false, opened.Value.HandleId), _encoder.Encode(opened.Value.Attributes), normalized)
            : OpenResult.Failed(NtStatusMap.From(opened.Error));
    }
}
