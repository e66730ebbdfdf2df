using FsMount.Core.Errors;

namespace FsMount.Core.Vfs;

/// <content>
/// For systems that name files by path rather than by node (WinFsp): a walk from the root through the
/// directory views, and the question a delete asks before it happens, because the delete itself comes
/// at close, where no error can be reported.
/// </content>
public sealed partial class MountedFileSystem
{
    public async ValueTask<FsResult<ResolvedPath>> LookupPathAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        try
        {
            return await WalkAsync(names, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return FsError.Cancelled;
        }
        catch (FsException ex)
        {
            return ErrorOf(ex);
        }
    }

    /// <summary>
    /// <see cref="LookupPathAsync"/>, letting a listing's failure through as its <see cref="FsException"/>,
    /// for callers that report the service's answer (a refused key) rather than an error number.
    /// </summary>
    private async ValueTask<FsResult<ResolvedPath>> WalkAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(names);
        var shown = new string[names.Count];
        Node node;
        lock (_namespace.Gate)
        {
            node = _namespace.Nodes.Root;
            _namespace.Acquire(node);
        }

        // The directory being walked holds a reference, so no refresh drops it between two steps;
        // the last node keeps its reference for the caller.
        var found = false;
        try
        {
            for (var i = 0; i < names.Count; i++)
            {
                if (node is not DirectoryNode directory)
                {
                    return FsError.NotDirectory;
                }

                var view = await _metadata.GetViewAsync(directory, cancellationToken);
                if (!view.TryFind(names[i], out var child))
                {
                    return FsError.NotFound;
                }

                lock (_namespace.Gate)
                {
                    _namespace.Acquire(child);
                    _namespace.Release(node, lookups: 1, opens: 0);
                    node = child;
                    shown[i] = child.Name;
                }
            }

            lock (_namespace.Gate)
            {
                found = true;
                return new ResolvedPath(Describe(node), shown);
            }
        }
        finally
        {
            if (!found)
            {
                lock (_namespace.Gate)
                {
                    _namespace.Release(node, lookups: 1, opens: 0);
                }
            }
        }
    }

    public async ValueTask<FsError> CheckRemoveAsync(ulong parentNodeId, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        var refused = RefuseIfReadOnly();
        var parent = FindDirectory(parentNodeId);
        if (refused != FsError.None || !parent.IsSuccess)
        {
            return refused != FsError.None ? refused : parent.Error;
        }

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
            return FsError.None;
        }

        // Unlike rmdir, which lets the service refuse, the folder is listed if need be: the answer must
        // still hold when the removal comes.
        var contents = await ViewAsync(directory, cancellationToken);
        return !contents.IsSuccess ? contents.Error
            : IsKnownEmpty(directory) ? FsError.None
            : FsError.NotEmpty;
    }
}
