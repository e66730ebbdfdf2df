using System.Collections.Concurrent;
using FsMount.Core.Errors;
using FsMount.Core.Vfs;

namespace FsMount.Fuse.Tests.Support;

/// <summary>
/// A small in-memory <see cref="IVirtualFileSystem"/>: the collaborator of the unit under test. It
/// counts lookup references and open handles so tests can check the FUSE layer's bookkeeping,
/// records what each call received, and can hold reads at a gate. Policy (what a write means) is
/// the core's and is tested there; this one only keeps bytes and names.
/// </summary>
internal sealed class TestFileSystem : IVirtualFileSystem
{
    private static readonly DateTimeOffset s_modified = new(2024, 5, 6, 7, 8, 9, 123, TimeSpan.Zero);

    private readonly ConcurrentDictionary<ulong, TestNode> _nodes = new();
    private readonly ConcurrentDictionary<ulong, long> _lookups = new();
    private readonly ConcurrentDictionary<ulong, (ulong NodeId, OpenOptions Options)> _handles = new();
    private readonly ConcurrentDictionary<ulong, IReadOnlyList<(TestNode Node, DirectoryEntry Entry)>> _directories = new();
    private long _lastNodeId = (long)IVirtualFileSystem.RootNodeId;
    private long _lastHandle;
    private int _cancelledReads;
    private int _readsAtGate;

    public TestFileSystem()
    {
        _nodes[IVirtualFileSystem.RootNodeId] = new TestNode(IVirtualFileSystem.RootNodeId, "", IsDirectory: true) { Parent = IVirtualFileSystem.RootNodeId };
    }

    public static DateTimeOffset ModifiedTime => s_modified;

    /// <summary>When set, every read waits for this task first (cancellable by an interrupt).</summary>
    public Task? ReadGate { get; set; }

    /// <summary>When set, every mkdir waits for this task first (cancellable by an interrupt, were one delivered).</summary>
    public Task? MakeDirectoryGate { get; set; }

    /// <summary>When set, every release waits for this task first (a release cannot be cancelled).</summary>
    public Task? ReleaseGate { get; set; }

    /// <summary>When set, every read throws this after its gate.</summary>
    public Exception? ReadException { get; set; }

    /// <summary>When set, every change answers this error (as a read-only core does).</summary>
    public FsError? ChangeError { get; set; }

    public long TotalBytes { get; set; } = 10L * 1024 * 1024 * 1024;

    public long FreeBytes { get; set; } = 4L * 1024 * 1024 * 1024;

    public int OpenHandleCount => _handles.Count;

    public int OpenDirectoryCount => _directories.Count;

    public int CancelledReads => Volatile.Read(ref _cancelledReads);

    /// <summary>Reads waiting at <see cref="ReadGate"/> right now: how many the server serves at once.</summary>
    public int ReadsAtGate => Volatile.Read(ref _readsAtGate);

    /// <summary>What the last open or create asked for.</summary>
    /// <summary>What opens say of the kernel's cached pages.</summary>
    public bool KeepCache { get; set; }

    public OpenOptions? LastOpenOptions { get; private set; }

    /// <summary>What the last set-attributes call asked for, and through which handle.</summary>
    public (AttributeChanges Changes, ulong? Handle)? LastAttributeChanges { get; private set; }

    /// <summary>What the last rename asked for.</summary>
    public RenameOptions? LastRenameOptions { get; private set; }

    public IKernelCacheInvalidator? Invalidator { get; private set; }

    /// <summary>What access checks answer for nodes that exist.</summary>
    public FsError AccessError { get; set; }

    public AccessModes? LastAccessModes { get; private set; }

    /// <summary>Extended attributes by node and name; set through SETXATTR too.</summary>
    public ConcurrentDictionary<(ulong NodeId, string Name), byte[]> ExtendedAttributes { get; } = new();

    public FsResult<long> SeekResult { get; set; } = FsError.PastEndOfFile;

    public (ulong Handle, long Offset, SeekTarget Target)? LastSeek { get; private set; }

    public FsResult<long> CopyResult { get; set; } = FsError.NotSupported;

    public (ulong SourceHandle, long SourceOffset, ulong DestinationHandle, long DestinationOffset, long Length)? LastCopy { get; private set; }

    public int Flushes { get; private set; }

    public int Syncs { get; private set; }

    public ulong AddDirectory(ulong parent, string name) => Add(parent, name, isDirectory: true, []).Id;

    public ulong AddFile(ulong parent, string name, byte[] content) => Add(parent, name, isDirectory: false, content).Id;

    public long LookupCount(ulong nodeId) => _lookups.GetValueOrDefault(nodeId);

    public byte[] ContentOf(ulong nodeId) => [.. _nodes[nodeId].Content];

    public ulong? Find(ulong parent, string name) => Child(parent, name)?.Id;

    public void AttachInvalidator(IKernelCacheInvalidator invalidator) => Invalidator = invalidator;

    public ValueTask<FsResult<NodeAttributes>> LookupAsync(ulong parentNodeId, string name, CancellationToken cancellationToken)
    {
        var child = Child(parentNodeId, name);
        if (child is null)
        {
            return Result<NodeAttributes>(FsError.NotFound);
        }

        Retain(child.Id);
        return Result<NodeAttributes>(child.Attributes);
    }

    public void Forget(ulong nodeId, ulong count) => _lookups.AddOrUpdate(nodeId, -(long)count, (_, current) => current - (long)count);

    public ValueTask<FsResult<NodeAttributes>> GetAttributesAsync(ulong nodeId, CancellationToken cancellationToken) =>
        Result<NodeAttributes>(_nodes.TryGetValue(nodeId, out var node) ? node.Attributes : FsError.NotFound);

    public ValueTask<FsResult<NodeAttributes>> SetAttributesAsync(ulong nodeId, ulong? handleId, AttributeChanges changes, CancellationToken cancellationToken)
    {
        LastAttributeChanges = (changes, handleId);
        if (ChangeError is { } refused)
        {
            return Result<NodeAttributes>(refused);
        }

        if (!_nodes.TryGetValue(nodeId, out var node))
        {
            return Result<NodeAttributes>(FsError.NotFound);
        }

        if (changes.Size is { } size)
        {
            lock (node)
            {
                var content = node.Content;
                Array.Resize(ref content, (int)size);
                node.Content = content;
            }
        }

        return Result<NodeAttributes>(node.Attributes);
    }

    public ValueTask<FsResult<ulong>> OpenDirectoryAsync(ulong nodeId, CancellationToken cancellationToken)
    {
        if (!_nodes.TryGetValue(nodeId, out var directory))
        {
            return Result<ulong>(FsError.NotFound);
        }

        if (!directory.IsDirectory)
        {
            return Result<ulong>(FsError.NotDirectory);
        }

        var entries = _nodes.Values
            .Where(node => node.Parent == nodeId && node.Id != nodeId)
            .OrderBy(node => node.Id)
            .Select(node => (node, new DirectoryEntry(node.Name, node.Attributes)))
            .ToList();
        var handle = (ulong)Interlocked.Increment(ref _lastHandle);
        _directories[handle] = entries;
        return Result<ulong>(handle);
    }

    public FsResult<IReadOnlyList<DirectoryEntry>> ReadDirectory(ulong directoryHandleId) =>
        _directories.TryGetValue(directoryHandleId, out var entries)
            ? FsResult.Success<IReadOnlyList<DirectoryEntry>>([.. entries.Select(e => e.Entry)])
            : FsError.BadHandle;

    public bool RetainDirectoryEntry(ulong directoryHandleId, int index)
    {
        if (!_directories.TryGetValue(directoryHandleId, out var entries) || (uint)index >= (uint)entries.Count)
        {
            return false;
        }

        Retain(entries[index].Node.Id);
        return true;
    }

    public void ReleaseDirectory(ulong directoryHandleId) => _directories.TryRemove(directoryHandleId, out _);

    public ValueTask<FsResult<OpenedFile>> OpenAsync(ulong nodeId, OpenOptions options, CancellationToken cancellationToken)
    {
        LastOpenOptions = options;
        if (options.Writes && ChangeError is { } refused)
        {
            return Result<OpenedFile>(refused);
        }

        if (!_nodes.TryGetValue(nodeId, out var node))
        {
            return Result<OpenedFile>(FsError.NotFound);
        }

        if (node.IsDirectory)
        {
            return Result<OpenedFile>(FsError.IsDirectory);
        }

        if (options.Truncate)
        {
            node.Content = [];
        }

        return Result<OpenedFile>(OpenHandle(node, options));
    }

    public ValueTask<FsResult<OpenedFile>> CreateAsync(ulong parentNodeId, string name, uint permissions, bool exclusive, OpenOptions options, CancellationToken cancellationToken)
    {
        LastOpenOptions = options;
        if (ChangeError is { } refused)
        {
            return Result<OpenedFile>(refused);
        }

        var existing = Child(parentNodeId, name);
        if (existing is not null && exclusive)
        {
            return Result<OpenedFile>(FsError.Exists);
        }

        var node = existing ?? Add(parentNodeId, name, isDirectory: false, []);
        node.Permissions = permissions;
        Retain(node.Id);
        return Result<OpenedFile>(OpenHandle(node, options));
    }

    public ValueTask<FsResult<NodeAttributes>> MakeFileAsync(ulong parentNodeId, string name, uint permissions, CancellationToken cancellationToken) =>
        MakeAsync(parentNodeId, name, permissions, isDirectory: false);

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

        if (!_handles.TryGetValue(handleId, out var handle))
        {
            return FsError.BadHandle;
        }

        var content = _nodes[handle.NodeId].Content;
        if (offset >= content.Length)
        {
            return 0;
        }

        var count = (int)Math.Min(buffer.Length, content.Length - offset);
        content.AsMemory((int)offset, count).CopyTo(buffer);
        return count;
    }

    public ValueTask<FsResult<int>> WriteAsync(ulong handleId, long offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (!_handles.TryGetValue(handleId, out var handle) || !handle.Options.Writes)
        {
            return Result<int>(FsError.BadHandle);
        }

        var node = _nodes[handle.NodeId];
        lock (node)
        {
            var content = node.Content;
            var at = handle.Options.Append ? content.Length : (int)offset;
            if (at + data.Length > content.Length)
            {
                Array.Resize(ref content, at + data.Length);
            }

            data.Span.CopyTo(content.AsSpan(at));
            node.Content = content;
        }

        return Result<int>(data.Length);
    }

    public ValueTask<FsError> AllocateAsync(ulong handleId, long offset, long length, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_handles.ContainsKey(handleId) ? FsError.None : FsError.BadHandle);

    public ValueTask<FsError> FlushAsync(ulong handleId, CancellationToken cancellationToken)
    {
        Flushes++;
        return ValueTask.FromResult(_handles.ContainsKey(handleId) ? FsError.None : FsError.BadHandle);
    }

    public ValueTask<FsError> SyncAsync(ulong handleId, CancellationToken cancellationToken)
    {
        Syncs++;
        return ValueTask.FromResult(_handles.ContainsKey(handleId) ? FsError.None : FsError.BadHandle);
    }

    public async ValueTask ReleaseAsync(ulong handleId)
    {
        if (ReleaseGate is { } gate)
        {
            await gate;
        }

        _handles.TryRemove(handleId, out _);
    }

    public async ValueTask<FsResult<NodeAttributes>> CreateDirectoryAsync(ulong parentNodeId, string name, uint permissions, CancellationToken cancellationToken)
    {
        if (MakeDirectoryGate is { } gate)
        {
            await gate.WaitAsync(cancellationToken);
        }

        return await MakeAsync(parentNodeId, name, permissions, isDirectory: true);
    }

    public ValueTask<FsError> RemoveFileAsync(ulong parentNodeId, string name, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Remove(parentNodeId, name, directory: false));

    public ValueTask<FsError> RemoveDirectoryAsync(ulong parentNodeId, string name, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Remove(parentNodeId, name, directory: true));

    public ValueTask<FsError> RenameAsync(ulong parentNodeId, string name, ulong newParentNodeId, string newName, RenameOptions options, CancellationToken cancellationToken)
    {
        LastRenameOptions = options;
        if (ChangeError is { } refused)
        {
            return ValueTask.FromResult(refused);
        }

        if (Child(parentNodeId, name) is not { } source)
        {
            return ValueTask.FromResult(FsError.NotFound);
        }

        if (Child(newParentNodeId, newName) is { } target)
        {
            if (options == RenameOptions.NoReplace)
            {
                return ValueTask.FromResult(FsError.Exists);
            }

            _nodes.TryRemove(target.Id, out _);
        }

        source.Parent = newParentNodeId;
        source.Name = newName;
        return ValueTask.FromResult(FsError.None);
    }

    public ValueTask<FsResult<FileSystemStatistics>> GetStatisticsAsync(CancellationToken cancellationToken) =>
        Result<FileSystemStatistics>(new FileSystemStatistics(TotalBytes, FreeBytes));

    public ValueTask<FsError> CheckAccessAsync(ulong nodeId, AccessModes modes, CancellationToken cancellationToken)
    {
        LastAccessModes = modes;
        return ValueTask.FromResult(!_nodes.ContainsKey(nodeId) ? FsError.NotFound : AccessError);
    }

    public ValueTask<FsResult<IReadOnlyList<string>>> ListExtendedAttributesAsync(ulong nodeId, CancellationToken cancellationToken) =>
        Result(_nodes.ContainsKey(nodeId)
            ? FsResult.Success<IReadOnlyList<string>>([.. ExtendedAttributes.Keys.Where(key => key.NodeId == nodeId).Select(key => key.Name).Order(StringComparer.Ordinal)])
            : FsError.NotFound);

    public ValueTask<FsResult<byte[]>> GetExtendedAttributeAsync(ulong nodeId, string name, CancellationToken cancellationToken) =>
        Result<byte[]>(ExtendedAttributes.TryGetValue((nodeId, name), out var value) ? value : FsError.NoAttribute);

    public ValueTask<FsError> SetExtendedAttributeAsync(ulong nodeId, string name, ReadOnlyMemory<byte> value, CancellationToken cancellationToken)
    {
        ExtendedAttributes[(nodeId, name)] = value.ToArray();
        return ValueTask.FromResult(FsError.None);
    }

    public ValueTask<FsError> RemoveExtendedAttributeAsync(ulong nodeId, string name, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ExtendedAttributes.TryRemove((nodeId, name), out _) ? FsError.None : FsError.NoAttribute);

    public ValueTask<FsResult<long>> SeekAsync(ulong handleId, long offset, SeekTarget target, CancellationToken cancellationToken)
    {
        LastSeek = (handleId, offset, target);
        return Result(SeekResult);
    }

    public ValueTask<FsResult<long>> CopyFileRangeAsync(ulong sourceHandleId, long sourceOffset, ulong destinationHandleId, long destinationOffset, long length, CancellationToken cancellationToken)
    {
        LastCopy = (sourceHandleId, sourceOffset, destinationHandleId, destinationOffset, length);
        return Result(CopyResult);
    }

    // Path lookups serve WinFsp; the FUSE bridge never calls them.
    public ValueTask<FsResult<ResolvedPath>> LookupPathAsync(IReadOnlyList<string> names, CancellationToken cancellationToken) =>
        Result<ResolvedPath>(FsError.NotSupported);

    public ValueTask<FsError> CheckRemoveAsync(ulong parentNodeId, string name, CancellationToken cancellationToken) =>
        ValueTask.FromResult(FsError.NotSupported);

    private static ValueTask<FsResult<T>> Result<T>(FsResult<T> result) => ValueTask.FromResult(result);

    private void Retain(ulong nodeId) => _lookups.AddOrUpdate(nodeId, 1, (_, count) => count + 1);

    private TestNode? Child(ulong parent, string name) =>
        _nodes.Values.FirstOrDefault(node => node.Parent == parent && node.Name == name && node.Id != parent);

    private OpenedFile OpenHandle(TestNode node, OpenOptions options)
    {
        var handle = (ulong)Interlocked.Increment(ref _lastHandle);
        _handles[handle] = (node.Id, options);
        return new OpenedFile(handle, node.Attributes) { KeepCache = KeepCache };
    }

    private ValueTask<FsResult<NodeAttributes>> MakeAsync(ulong parentNodeId, string name, uint permissions, bool isDirectory)
    {
        if (ChangeError is { } refused)
        {
            return Result<NodeAttributes>(refused);
        }

        if (Child(parentNodeId, name) is not null)
        {
            return Result<NodeAttributes>(FsError.Exists);
        }

        var node = Add(parentNodeId, name, isDirectory, []);
        node.Permissions = permissions;
        Retain(node.Id);
        return Result<NodeAttributes>(node.Attributes);
    }

    private FsError Remove(ulong parentNodeId, string name, bool directory)
    {
        if (ChangeError is { } refused)
        {
            return refused;
        }

        if (Child(parentNodeId, name) is not { } node)
        {
            return FsError.NotFound;
        }

        if (node.IsDirectory != directory)
        {
            return directory ? FsError.NotDirectory : FsError.IsDirectory;
        }

        if (directory && _nodes.Values.Any(child => child.Parent == node.Id))
        {
            return FsError.NotEmpty;
        }

        _nodes.TryRemove(node.Id, out _);
        return FsError.None;
    }

    private TestNode Add(ulong parent, string name, bool isDirectory, byte[] content)
    {
        var id = (ulong)Interlocked.Increment(ref _lastNodeId);
        var node = new TestNode(id, name, isDirectory) { Parent = parent, Content = content };
        _nodes[id] = node;
        return node;
    }

    private sealed class TestNode(ulong id, string name, bool IsDirectory)
    {
        public ulong Id { get; } = id;

        public string Name { get; set; } = name;

        public bool IsDirectory { get; } = IsDirectory;

        public ulong Parent { get; set; }

        public byte[] Content { get; set; } = [];

        public uint? Permissions { get; set; }

        public NodeAttributes Attributes => new(
            Id, IsDirectory, Content.Length, s_modified, s_modified, s_modified, Permissions ?? (IsDirectory ? 0x1EDu : 0x1A4u));
    }
}
