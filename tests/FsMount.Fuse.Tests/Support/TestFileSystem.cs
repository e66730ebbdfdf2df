using System.Collections.Concurrent;
using FsMount.Core.Errors;
using FsMount.Core.Vfs;

namespace FsMount.Fuse.Tests.Support;

/// <summary>
/// A small in-memory <see cref="IVirtualFileSystem"/>: the collaborator of the unit under test. It
/// counts lookup references and open handles so tests can check the FUSE layer's bookkeeping, and
/// can hold reads at a gate.
/// </summary>
internal sealed class TestFileSystem : IVirtualFileSystem
{
    private static readonly DateTimeOffset s_modified = new(2024, 5, 6, 7, 8, 9, 123, TimeSpan.Zero);

    private readonly ConcurrentDictionary<ulong, TestNode> _nodes = new();
    private readonly ConcurrentDictionary<ulong, long> _lookups = new();
    private readonly ConcurrentDictionary<ulong, ulong> _handles = new();
    private long _lastNodeId = (long)IVirtualFileSystem.RootNodeId;
    private long _lastHandle;
    private int _cancelledReads;
    private int _readsAtGate;

    public TestFileSystem()
    {
        _nodes[IVirtualFileSystem.RootNodeId] = new TestNode(IVirtualFileSystem.RootNodeId, "", IsDirectory: true, Content: []);
    }

    public static DateTimeOffset ModifiedTime => s_modified;

    /// <summary>When set, every read waits for this task first (cancellable by an interrupt).</summary>
    public Task? ReadGate { get; set; }

    /// <summary>When set, every release waits for this task first (a release cannot be cancelled).</summary>
    public Task? ReleaseGate { get; set; }

    /// <summary>When set, every read throws this after its gate.</summary>
    public Exception? ReadException { get; set; }

    public long TotalBytes { get; set; } = 10L * 1024 * 1024 * 1024;

    public long FreeBytes { get; set; } = 4L * 1024 * 1024 * 1024;

    public int OpenHandleCount => _handles.Count;

    public int CancelledReads => Volatile.Read(ref _cancelledReads);

    /// <summary>Reads waiting at <see cref="ReadGate"/> right now: how many the server serves at once.</summary>
    public int ReadsAtGate => Volatile.Read(ref _readsAtGate);

    public ulong AddDirectory(ulong parent, string name) => Add(parent, name, isDirectory: true, []);

    public ulong AddFile(ulong parent, string name, byte[] content) => Add(parent, name, isDirectory: false, content);

    public long LookupCount(ulong nodeId) => _lookups.GetValueOrDefault(nodeId);

    public ValueTask<FsResult<NodeAttributes>> LookupAsync(ulong parentNodeId, string name, CancellationToken cancellationToken)
    {
        var child = _nodes.Values.FirstOrDefault(node => node.Parent == parentNodeId && node.Name == name && node.Id != parentNodeId);
        if (child is null)
        {
            return ValueTask.FromResult<FsResult<NodeAttributes>>(FsError.NotFound);
        }

        Retain(child.Id);
        return ValueTask.FromResult<FsResult<NodeAttributes>>(child.Attributes);
    }

    public void Retain(ulong nodeId) => _lookups.AddOrUpdate(nodeId, 1, (_, count) => count + 1);

    public void Forget(ulong nodeId, ulong count) => _lookups.AddOrUpdate(nodeId, -(long)count, (_, current) => current - (long)count);

    public ValueTask<FsResult<NodeAttributes>> GetAttributesAsync(ulong nodeId, CancellationToken cancellationToken) =>
        ValueTask.FromResult<FsResult<NodeAttributes>>(_nodes.TryGetValue(nodeId, out var node) ? node.Attributes : FsError.NotFound);

    public ValueTask<FsResult<IReadOnlyList<DirectoryEntry>>> ReadDirectoryAsync(ulong nodeId, CancellationToken cancellationToken)
    {
        if (!_nodes.TryGetValue(nodeId, out var directory))
        {
            return ValueTask.FromResult<FsResult<IReadOnlyList<DirectoryEntry>>>(FsError.NotFound);
        }

        if (!directory.IsDirectory)
        {
            return ValueTask.FromResult<FsResult<IReadOnlyList<DirectoryEntry>>>(FsError.NotDirectory);
        }

        var entries = _nodes.Values
            .Where(node => node.Parent == nodeId && node.Id != nodeId)
            .OrderBy(node => node.Id)
            .Select(node => new DirectoryEntry(node.Name, node.Attributes))
            .ToList();
        return ValueTask.FromResult<FsResult<IReadOnlyList<DirectoryEntry>>>(entries);
    }

    public ValueTask<FsResult<ulong>> OpenAsync(ulong nodeId, CancellationToken cancellationToken)
    {
        if (!_nodes.TryGetValue(nodeId, out var node))
        {
            return ValueTask.FromResult<FsResult<ulong>>(FsError.NotFound);
        }

        if (node.IsDirectory)
        {
            return ValueTask.FromResult<FsResult<ulong>>(FsError.IsDirectory);
        }

        var handle = (ulong)Interlocked.Increment(ref _lastHandle);
        _handles[handle] = nodeId;
        return ValueTask.FromResult<FsResult<ulong>>(handle);
    }

    public async ValueTask<FsResult<int>> ReadAsync(ulong handleId, long offset, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        try
        {
            if (ReadGate is { } gate)
            {
                Interlocked.Increment(ref _readsAtGate);
                try
                {
                    await gate.WaitAsync(cancellationToken);
                }
                finally
                {
                    Interlocked.Decrement(ref _readsAtGate);
                }
            }
        }
        catch (OperationCanceledException)
        {
            Interlocked.Increment(ref _cancelledReads);
            throw;
        }

        if (ReadException is { } exception)
        {
            throw exception;
        }

        if (!_handles.TryGetValue(handleId, out var nodeId))
        {
            return FsError.BadHandle;
        }

        var content = _nodes[nodeId].Content;
        if (offset >= content.Length)
        {
            return 0;
        }

        var count = (int)Math.Min(buffer.Length, content.Length - offset);
        content.AsMemory((int)offset, count).CopyTo(buffer);
        return count;
    }

    public async ValueTask ReleaseAsync(ulong handleId)
    {
        if (ReleaseGate is { } gate)
        {
            await gate;
        }

        _handles.TryRemove(handleId, out _);
    }

    public ValueTask<FsResult<FileSystemStatistics>> GetStatisticsAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<FsResult<FileSystemStatistics>>(new FileSystemStatistics(TotalBytes, FreeBytes));

    private ulong Add(ulong parent, string name, bool isDirectory, byte[] content)
    {
        var id = (ulong)Interlocked.Increment(ref _lastNodeId);
        _nodes[id] = new TestNode(id, name, isDirectory, content) { Parent = parent };
        return id;
    }

    private sealed record TestNode(ulong Id, string Name, bool IsDirectory, byte[] Content)
    {
        public ulong Parent { get; init; }

        public NodeAttributes Attributes => new(Id, IsDirectory, Content.Length, s_modified, s_modified);
    }
}
