using FsMount.Core.Errors;

namespace FsMount.Core.Vfs;

/// <content>
/// access(2), and where data lies in a file: answers that follow from what an open, an exec or a
/// read would do, so a tool that asks first is never told otherwise.
/// </content>
public sealed partial class MountedFileSystem
{
    private const uint ExecuteBits = 0x49; // 0111

    public ValueTask<FsError> CheckAccessAsync(ulong nodeId, AccessModes modes, CancellationToken cancellationToken)
    {
        var found = FindNode(nodeId);
        if (!found.IsSuccess)
        {
            return ValueTask.FromResult(found.Error);
        }

        if ((modes & AccessModes.Write) != 0 && _options.ReadOnly)
        {
            return ValueTask.FromResult(FsError.ReadOnly);
        }

        // Permission bits guard nothing else here (the mount is its user's), but exec needs an x bit
        // as on any disk, even for root; a directory is always searchable.
        if ((modes & AccessModes.Execute) != 0 && found.Value is FileNode)
        {
            lock (_namespace.Gate)
            {
                if ((Describe(found.Value).Permissions & ExecuteBits) == 0)
                {
                    return ValueTask.FromResult(FsError.AccessDenied);
                }
            }
        }

        return ValueTask.FromResult(FsError.None);
    }

    public ValueTask<FsResult<long>> SeekAsync(ulong handleId, long offset, SeekTarget target, CancellationToken cancellationToken)
    {
        if (!_files.TryGet(handleId, out var handle))
        {
            return ValueTask.FromResult<FsResult<long>>(FsError.BadHandle);
        }

        long size;
        lock (_namespace.Gate)
        {
            size = handle.Node.Size;
        }

        // Neither the service nor staging tells holes apart, so the whole file is data and its end
        // the only hole, as lseek(2) allows; a sparse copy then reads every byte, which is correct.
        FsResult<long> found = offset < 0 ? FsError.InvalidArgument
            : offset >= size ? FsError.PastEndOfFile
            : target == SeekTarget.Data ? offset
            : size;
        return ValueTask.FromResult(found);
    }
}
