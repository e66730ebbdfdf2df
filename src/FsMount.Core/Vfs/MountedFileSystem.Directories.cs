using FsMount.Core.Errors;
using FsMount.Core.Handles;

namespace FsMount.Core.Vfs;

/// <content>Lookups, attributes and directory reads: answered from the views, no remote call when a listing is fresh.</content>
public sealed partial class MountedFileSystem
{
    public async ValueTask<FsResult<NodeAttributes>> LookupAsync(ulong parentNodeId, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        var parent = FindDirectory(parentNodeId);
        if (!parent.IsSuccess)
        {
            return parent.Error;
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

        lock (_namespace.Gate)
        {
            _namespace.Acquire(node);
            return Describe(node);
        }
    }

    public void Forget(ulong nodeId, ulong count)
    {
        lock (_namespace.Gate)
        {
            if (_namespace.Nodes.TryGet(nodeId, out var node))
            {
                _namespace.Release(node, count, opens: 0);
                return;
            }
        }

        Log.UnknownNode(_logger, nodeId);
    }

    public ValueTask<FsResult<NodeAttributes>> GetAttributesAsync(ulong nodeId, CancellationToken cancellationToken)
    {
        lock (_namespace.Gate)
        {
            return ValueTask.FromResult<FsResult<NodeAttributes>>(
                _namespace.Nodes.TryGet(nodeId, out var node) ? Describe(node) : FsError.NotFound);
        }
    }

    public async ValueTask<FsResult<ulong>> OpenDirectoryAsync(ulong nodeId, CancellationToken cancellationToken)
    {
        var directory = FindDirectory(nodeId);
        if (!directory.IsSuccess)
        {
            return directory.Error;
        }

        var view = await ViewAsync(directory.Value, cancellationToken);
        if (!view.IsSuccess)
        {
            return view.Error;
        }

        var entries = view.Value.Entries;
        var nodes = new Node[entries.Count];
        var described = new DirectoryEntry[entries.Count];
        lock (_namespace.Gate)
        {
            for (var i = 0; i < entries.Count; i++)
            {
                nodes[i] = entries[i].Node;
                described[i] = new DirectoryEntry(entries[i].Name, Describe(entries[i].Node));
            }

            directory.Value.OpenCount++;
        }

        return _directories.Add(new DirectoryHandle(directory.Value, nodes, described));
    }

    public FsResult<IReadOnlyList<DirectoryEntry>> ReadDirectory(ulong directoryHandleId) =>
        _directories.TryGet(directoryHandleId, out var handle) ? FsResult.Success(handle.Entries) : FsError.BadHandle;

    public bool RetainDirectoryEntry(ulong directoryHandleId, int index)
    {
        if (!_directories.TryGet(directoryHandleId, out var handle) || (uint)index >= (uint)handle.Nodes.Count)
        {
            return false;
        }

        lock (_namespace.Gate)
        {
            _namespace.Acquire(handle.Nodes[index]);
        }

        return true;
    }

    public void ReleaseDirectory(ulong directoryHandleId)
    {
        if (_directories.TryRemove(directoryHandleId, out var handle))
        {
            lock (_namespace.Gate)
            {
                _namespace.Release(handle.Directory, lookups: 0, opens: 1);
            }
        }
    }
}
