using FsMount.Core.Errors;
using FsMount.Core.Handles;
using FsMount.Core.Remote;
using FsMount.Core.Staging;

namespace FsMount.Core.Vfs;

/// <content>
/// Copies on the service's side (copy_file_range, which <c>cp</c> uses): one <c>file/cp.cgi</c> call
/// instead of a download and an upload. The service copies whole files only, so only a whole remote
/// file copied into a file just created and still empty is copied there; anything else is refused
/// with <see cref="FsError.NotSupported"/>, and the caller copies through reads and writes.
/// </content>
public sealed partial class MountedFileSystem
{
    public async ValueTask<FsResult<long>> CopyFileRangeAsync(
        ulong sourceHandleId, long sourceOffset, ulong destinationHandleId, long destinationOffset, long length, CancellationToken cancellationToken)
    {
        if (!_files.TryGet(sourceHandleId, out var source)
            || !_files.TryGet(destinationHandleId, out var found)
            || found is not StagedFileHandle { Options.Writes: true } destination)
        {
            return FsError.BadHandle;
        }

        if (sourceOffset != 0 || destinationOffset != 0 || PlanCopy(source, destination, length) is not { } planned)
        {
            return FsError.NotSupported;
        }

        // The folder's changes wait (a rename or unlink of the new file cannot slip in), and the plan
        // is made again: the file may have changed while the lock was awaited.
        using var changing = await _directoryChanges.LockAsync(planned.Staged.State.FolderId, cancellationToken);
        if (PlanCopy(source, destination, length) is not { } copy || copy.Staged.State.FolderId != planned.Staged.State.FolderId)
        {
            return FsError.NotSupported;
        }

        // Marked removed first, durably: a crash during the call then never shows an empty file
        // beside the copy; the file is simply not there, or the copy is, as if cp had been stopped.
        var staged = copy.Staged;
        staged.Update(state => state with { Deleted = true });

        // Not the request's token: an interrupted copy may land all the same, and only the answer
        // says where; it is one quick call on the service's side.
        var copied = await GuardAsync("copy", staged.State.Name, async () => FsResult.Success(await _drive.CopyFileAsync(copy.Remote, staged.State.FolderId, staged.State.Name, _lifetime.Token)), cancellationToken);
        if (!copied.IsSuccess)
        {
            staged.Update(state => state with { Deleted = false });
            return copied.Error;
        }

        var node = destination.Node;
        RemoteFile remote;
        lock (_namespace.Gate)
        {
            _settler.Bind(staged, copied.Value);
            remote = node.Remote ?? copied.Value;
        }

        _staging.Forget(staged);

        // The descriptor stays usable: it now reads the copy, and a later write stages it again.
        if (_files.TryReplace(destinationHandleId, destination, StageOnFirstChange(node, remote, destination.Options)))
        {
            await destination.DisposeAsync();
        }

        return copy.Size;
    }

    /// <summary>
    /// The copy to make, if the service can make it: the whole of a remote file with no staged
    /// changes, into a file that was created and is still empty, untouched by the service and by any
    /// other writer. Null otherwise.
    /// </summary>
    private (RemoteFile Remote, StagedFile Staged, long Size)? PlanCopy(FileHandle source, StagedFileHandle destination, long length)
    {
        lock (_namespace.Gate)
        {
            var from = source.Node;
            if (from == destination.Node || from.IsRemoved || from.Staged is not null || from.Remote is not { } remote)
            {
                return null;
            }

            var size = EmptyFilePlaceholder.PresentedSize(remote);
            var staged = destination.Staged;
            if (size == 0 || length < size || staged is null || destination.Node.Staged != staged
                || staged.State is not { Size: 0, Deleted: false } || !staged.HasNoRemoteTrace
                || staged.Writers != 1 || staged.IsUploading)
            {
                return null;
            }

            return (remote, staged, size);
        }
    }
}
