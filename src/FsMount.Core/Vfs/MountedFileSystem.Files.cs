using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using FsMount.Core.Errors;
using FsMount.Core.Handles;
using FsMount.Core.Metadata;
using FsMount.Core.Remote;
using FsMount.Core.Staging;

namespace FsMount.Core.Vfs;

/// <content>
/// Opening, reading and writing files. A write never goes to the service directly: the file is
/// staged (a local copy in the cache folder, made at its first change) and uploaded after close.
/// </content>
public sealed partial class MountedFileSystem
{
    // Linux's NAME_MAX, in UTF-8 bytes: what the kernel lets through and what statfs reports.
    private const int MaxNameBytes = 255;

    public async ValueTask<FsResult<OpenedFile>> OpenAsync(ulong nodeId, OpenOptions options, CancellationToken cancellationToken)
    {
        var found = FindNode(nodeId);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        if (found.Value is not FileNode file)
        {
            return FsError.IsDirectory;
        }

        if ((options.Writes || options.Truncate) && _options.ReadOnly)
        {
            return FsError.ReadOnly;
        }

        return await GuardAsync("open", file.Name, () => OpenFileAsync(file, options, cancellationToken), cancellationToken);
    }

    public async ValueTask<FsResult<OpenedFile>> CreateAsync(ulong parentNodeId, string name, uint permissions, bool exclusive, OpenOptions options, CancellationToken cancellationToken)
    {
        var created = await CreateFileAsync(parentNodeId, name, permissions, exclusive, options, open: true, cancellationToken);
        return created.IsSuccess ? created.Value.Opened : created.Error;
    }

    public async ValueTask<FsResult<NodeAttributes>> MakeFileAsync(ulong parentNodeId, string name, uint permissions, CancellationToken cancellationToken)
    {
        var created = await CreateFileAsync(parentNodeId, name, permissions, exclusive: true, OpenOptions.ReadOnly, open: false, cancellationToken);
        return created.IsSuccess ? created.Value.Attributes : created.Error;
    }

    // The hot path: pooled state machines keep a media stream's thousands of reads allocation-free.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<FsResult<int>> ReadAsync(ulong handleId, long offset, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (!_files.TryGet(handleId, out var handle))
        {
            return FsError.BadHandle;
        }

        try
        {
            return await handle.ReadAsync(offset, buffer, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return FsError.Cancelled;
        }
        catch (FsException ex)
        {
            var error = ErrorOf(ex);
            Log.ReadFailed(_readLogger, handle.Node.Name, offset, error, ex);
            return error;
        }
        catch (IOException ex)
        {
            // A transfer that broke in a way the drive could not resume, or the cache folder's disk.
            Log.ReadFailed(_readLogger, handle.Node.Name, offset, FsError.Unavailable, ex);
            return FsError.Unavailable;
        }
    }

    public async ValueTask<FsResult<int>> WriteAsync(ulong handleId, long offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (!_files.TryGet(handleId, out var found) || found is not StagedFileHandle { Options.Writes: true } handle)
        {
            return FsError.BadHandle;
        }

        var end = (handle.Options.Append ? handle.Node.Size : offset) + data.Length;
        var room = CheckRoom(handle.Node, end);
        if (room != FsError.None)
        {
            return room;
        }

        return await GuardAsync("write", handle.Node.Name, async () => FsResult.Success(await handle.WriteAsync(offset, data, cancellationToken)), cancellationToken);
    }

    public async ValueTask<FsError> AllocateAsync(ulong handleId, long offset, long length, CancellationToken cancellationToken)
    {
        if (!_files.TryGet(handleId, out var found) || found is not StagedFileHandle { Options.Writes: true } handle)
        {
            return FsError.BadHandle;
        }

        var end = offset + length;
        if (end <= handle.Node.Size)
        {
            return FsError.None;
        }

        var room = CheckRoom(handle.Node, end);
        if (room != FsError.None)
        {
            return room;
        }

        var grown = await GuardAsync("allocate", handle.Node.Name, async () =>
        {
            await handle.SetLengthAsync(end, cancellationToken);
            return FsResult.Success(true);
        }, cancellationToken);
        return grown.Error;
    }

    public ValueTask<FsError> FlushAsync(ulong handleId, CancellationToken cancellationToken) => FlushAsync(handleId, toDisk: false);

    public ValueTask<FsError> SyncAsync(ulong handleId, CancellationToken cancellationToken) => FlushAsync(handleId, toDisk: true);

    private ValueTask<FsError> FlushAsync(ulong handleId, bool toDisk)
    {
        if (!_files.TryGet(handleId, out var handle))
        {
            return ValueTask.FromResult(FsError.BadHandle);
        }

        if (handle is StagedFileHandle staged)
        {
            try
            {
                staged.Flush(toDisk);
            }
            catch (IOException ex)
            {
                Log.MutationFailed(_logger, "flush", handle.Node.Name, FsError.Unavailable, ex);
                return ValueTask.FromResult(FsError.Unavailable);
            }
        }

        return ValueTask.FromResult(FsError.None);
    }

    public async ValueTask ReleaseAsync(ulong handleId)
    {
        if (!_files.TryRemove(handleId, out var handle))
        {
            return;
        }

        try
        {
            await handle.DisposeAsync();
        }
        finally
        {
            lock (_namespace.Gate)
            {
                _namespace.Release(handle.Node, lookups: 0, opens: 1);
            }

            _uploads.Wake();
        }
    }

    public async ValueTask<FsResult<NodeAttributes>> SetAttributesAsync(ulong nodeId, ulong? handleId, AttributeChanges changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var found = FindNode(nodeId);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var node = found.Value;
        if (_options.ReadOnly)
        {
            return FsError.ReadOnly;
        }

        if (changes.Size is { } size)
        {
            if (node is not FileNode file)
            {
                return FsError.IsDirectory;
            }

            var resized = await ResizeAsync(file, handleId, size, cancellationToken);
            if (resized != FsError.None)
            {
                return resized;
            }
        }

        if (changes.LastWriteTime is not null || changes.LastAccessTime is not null || changes.Permissions is not null)
        {
            Keep(node, changes);
        }

        lock (_namespace.Gate)
        {
            return Describe(node);
        }
    }

    private async ValueTask<FsResult<OpenedFile>> OpenFileAsync(FileNode file, OpenOptions options, CancellationToken cancellationToken)
    {
        // open(2) truncates even a descriptor opened read-only.
        if (options.Truncate && !options.Writes)
        {
            options = options with { Access = FileAccessMode.ReadWrite };
        }

        FileHandle handle;
        if (options.Truncate)
        {
            var staged = await StageAsync(file, truncate: true, cancellationToken);
            handle = new StagedFileHandle(file, staged, options, _time, _options.WriteBackDelay);
        }
        else
        {
            StagedFile? staged;
            UploadRun? running = null;
            RemoteFile? remote;
            lock (_namespace.Gate)
            {
                staged = file.Staged;
                remote = file.Remote;
                if (staged is { State.Deleted: true } || (staged is null && (remote is null || file.IsRemoved)))
                {
                    return FsError.NotFound;
                }

                if (staged is not null && options.Writes)
                {
                    running = staged.AddWriter();
                }
            }

            if (running is not null)
            {
                await running.StopAsync();
            }

            handle = staged is not null ? new StagedFileHandle(file, staged, options, _time, _options.WriteBackDelay)
                : options.Writes ? StageOnFirstChange(file, remote!, options)
                : OpenRemote(file, remote!);
        }

        lock (_namespace.Gate)
        {
            file.OpenCount++;
            var reads = handle as RemoteReadHandle;
            var keepCache = reads is not null && SameContent(file.KernelCached, reads.File);
            file.KernelCached = reads?.File;
            return new OpenedFile(_files.Add(handle), Describe(file)) { KeepCache = keepCache };
        }
    }

    // A file's bytes never change under one id on the service; an overwrite is a new id.
    private static bool SameContent(RemoteFile? cached, RemoteFile opened) =>
        cached is not null && cached.Id == opened.Id && cached.Size == opened.Size;

    private RemoteReadHandle OpenRemote(FileNode file, RemoteFile remote) => new(file, remote, _drive, _chunks, _parkedReaders, _options, _readLogger);

    /// <summary>A writing handle on a remote file that reads the remote file until its first change stages it.</summary>
    private StagedFileHandle StageOnFirstChange(FileNode file, RemoteFile remote, OpenOptions options) =>
        new(file, options, token => StageAsync(file, truncate: false, token), () => OpenRemote(file, remote), _time, _options.WriteBackDelay);

    private ValueTask<FsResult<(OpenedFile Opened, NodeAttributes Attributes)>> CreateFileAsync(
        ulong parentNodeId, string name, uint permissions, bool exclusive, OpenOptions options, bool open, CancellationToken cancellationToken) =>
        ChangeDirectoryAsync<(OpenedFile, NodeAttributes)>(parentNodeId, name, "create", isNewName: true, async (parent, view) =>
        {
            if (view.TryFind(name, out var existing))
            {
                if (exclusive)
                {
                    return FsError.Exists;
                }

                if (existing is not FileNode existingFile)
                {
                    return FsError.IsDirectory;
                }

                var opened = await OpenFileAsync(existingFile, options, cancellationToken);
                if (!opened.IsSuccess)
                {
                    return opened.Error;
                }

                lock (_namespace.Gate)
                {
                    _namespace.Acquire(existingFile);
                }

                return (opened.Value, opened.Value.Attributes);
            }

            var now = _time.GetUtcNow();
            var remoteName = RemoteName(name);
            var staged = _staging.Create(parent.FolderId, remoteName, permissions, now);
            if (options.Writes)
            {
                staged.AddWriter();
            }
            else
            {
                staged.ScheduleAt(now + _options.WriteBackDelay);
            }

            FileNode node;
            lock (_namespace.Gate)
            {
                _namespace.ContentsOf(parent.FolderId).Show(ListingEntry.ForStaged(staged, remoteName), now);
                _namespace.Refresh(parent.FolderId);
                node = (FileNode)_namespace.Nodes.Find(EntryKey.ForStaged(staged.Id))!;
                _namespace.Acquire(node);
                if (!open)
                {
                    _uploads.Wake();
                    return (default(OpenedFile), Describe(node));
                }

                node.OpenCount++;
                var attributes = Describe(node);
                return (new OpenedFile(_files.Add(new StagedFileHandle(node, staged, options, _time, _options.WriteBackDelay)), attributes), attributes);
            }
        }, cancellationToken);

    /// <summary>
    /// The node's staged copy, with one more writer: the existing one (an upload in progress is
    /// stopped first), or a new one made from the remote file, fetched whole unless it is to be
    /// truncated. The node keeps its id; the remote file it replaces is hidden and removed once the
    /// new content is uploaded.
    /// </summary>
    private async ValueTask<StagedFile> StageAsync(FileNode file, bool truncate, CancellationToken cancellationToken)
    {
        using var staging = await _fileStaging.LockAsync(file.Id, cancellationToken);
        StagedFile? staged;
        UploadRun? running = null;
        RemoteFile? remote;
        long folderId;
        lock (_namespace.Gate)
        {
            staged = file.Staged;
            remote = file.Remote;
            folderId = file.Parent?.FolderId ?? _namespace.Nodes.Root.FolderId;
            if (staged is { State.Deleted: true } || (staged is null && (remote is null || file.IsRemoved)))
            {
                throw new FsException(FsError.NotFound, $"'{file.Name}' was removed");
            }

            if (staged is not null)
            {
                running = staged.AddWriter();
            }
        }

        if (staged is not null)
        {
            if (running is not null)
            {
                await running.StopAsync();
            }

            if (truncate)
            {
                Truncate(staged);
            }

            return staged;
        }

        var now = _time.GetUtcNow();
        var created = _staging.Create(folderId, remote!.Name, file.Permissions, now);
        created.AddWriter();
        try
        {
            var size = truncate ? 0 : await FetchAsync(remote, created, cancellationToken);
            created.Update(state => state with
            {
                Size = size,
                LastWriteTime = truncate ? now : file.LastWriteTime,
                Replaces = [new PlacedFile(remote, folderId)],
            });
        }
        catch (Exception ex)
        {
            Log.FetchForWriteFailed(_logger, remote.Name, ex);
            _staging.Forget(created);
            throw;
        }

        lock (_namespace.Gate)
        {
            var contents = _namespace.ContentsOf(folderId);
            contents.Hide(EntryKey.ForFile(remote.Id), now);
            contents.Show(ListingEntry.ForStaged(created, remote.Name), now);
            _namespace.Nodes.Rekey(file, EntryKey.ForStaged(created.Id));
            file.Staged = created;
            created.Node = file;
            _namespace.Refresh(folderId);
        }

        return created;
    }

    private void Truncate(StagedFile staged)
    {
        var data = staged.AcquireData();
        try
        {
            staged.SetLength(data, 0, _time.GetUtcNow());
        }
        finally
        {
            staged.ReleaseData();
        }
    }

    /// <summary>Copies a remote file's bytes into a new staged copy; returns its size.</summary>
    private async ValueTask<long> FetchAsync(RemoteFile remote, StagedFile staged, CancellationToken cancellationToken)
    {
        var size = EmptyFilePlaceholder.PresentedSize(remote);
        if (size == 0)
        {
            return 0;
        }

        var data = staged.AcquireData();
        var buffer = ArrayPool<byte>.Shared.Rent(1024 * 1024);
        try
        {
            await using var reader = await _drive.OpenReadAsync(remote, cancellationToken);
            await using var stream = await reader.OpenRangeAsync(0, size, cancellationToken);
            long copied = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                await RandomAccess.WriteAsync(data, buffer.AsMemory(0, read), copied, cancellationToken);
                copied += read;
            }

            if (copied != size)
            {
                throw new FsException(FsError.Unavailable, $"'{remote.Name}' ended after {copied} of its {size} bytes");
            }

            RandomAccess.FlushToDisk(data);
            return copied;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            staged.ReleaseData();
        }
    }

    private async ValueTask<FsError> ResizeAsync(FileNode file, ulong? handleId, long size, CancellationToken cancellationToken)
    {
        var room = CheckRoom(file, size);
        if (room != FsError.None)
        {
            return room;
        }

        if (handleId is { } id && _files.TryGet(id, out var open) && open is StagedFileHandle { Options.Writes: true } handle)
        {
            var resized = await GuardAsync("truncate", file.Name, async () =>
            {
                await handle.SetLengthAsync(size, cancellationToken);
                return FsResult.Success(true);
            }, cancellationToken);
            return resized.Error;
        }

        var staged = await GuardAsync("truncate", file.Name, async () => FsResult.Success(await StageAsync(file, truncate: size == 0, cancellationToken)), cancellationToken);
        if (!staged.IsSuccess)
        {
            return staged.Error;
        }

        var data = staged.Value.AcquireData();
        try
        {
            staged.Value.SetLength(data, size, _time.GetUtcNow());
            staged.Value.Persist();
        }
        finally
        {
            staged.Value.ReleaseData();
            staged.Value.RemoveWriter(_time.GetUtcNow(), _options.WriteBackDelay);
            _uploads.Wake();
        }

        return FsError.None;
    }

    /// <summary>Times and permissions: on the staged copy's journal row, or kept for the remote file or folder.</summary>
    private void Keep(Node node, AttributeChanges changes)
    {
        StagedFile? staged;
        lock (_namespace.Gate)
        {
            staged = (node as FileNode)?.Staged;
            if (staged is null)
            {
                _namespace.Keep(node, (node.Kept ?? new KeptAttributes(null, null, null)).With(changes));
                return;
            }
        }

        staged.Update(state => state with
        {
            LastWriteTime = changes.LastWriteTime ?? state.LastWriteTime,
            LastAccessTime = changes.LastAccessTime ?? state.LastAccessTime,
            Permissions = changes.Permissions ?? state.Permissions,
        });
    }

    /// <summary>
    /// Whether a file may grow to <paramref name="end"/> bytes: within the service's largest file,
    /// and, when the account's capacity is known, within what is left of it once everything staged is
    /// uploaded (no remote call: the capacity reported recently).
    /// </summary>
    private FsError CheckRoom(FileNode file, long end)
    {
        if (end > _options.MaxFileSize)
        {
            return FsError.TooLarge;
        }

        var growth = end - file.Size;
        if (growth <= 0 || _capacity.Recent is not { } capacity)
        {
            return FsError.None;
        }

        return growth + _staging.PendingBytes > capacity.FreeBytes ? FsError.NoSpace : FsError.None;
    }

    // A new name: one a directory can hold, and one the name style shows as it is (see RemoteName).
    private FsError CheckName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name is "" or "." or ".." || name.Contains('/', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal) || _names.RemoteNameOf(name) is null ? FsError.InvalidName
            : Encoding.UTF8.GetByteCount(name) > MaxNameBytes ? FsError.NameTooLong
            : FsError.None;
    }

    /// <summary>The remote name of a new entry the system named <paramref name="name"/> (checked by <see cref="CheckName"/> first).</summary>
    private string RemoteName(string name) =>
        _names.RemoteNameOf(name) ?? throw new FsException(FsError.InvalidName, $"'{name}' cannot be shown under that name");
}
