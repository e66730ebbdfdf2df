using System.Runtime.CompilerServices;
using FsMount.Core.Errors;
using FsMount.Core.Handles;
using FsMount.Core.Metadata;
using FsMount.Core.Remote;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FsMount.Core.Vfs;

/// <summary>
/// The file system a mount serves, over one <see cref="IRemoteDrive"/>. Read-only for now.
/// Lookups, attributes and directory reads are answered from folder listings (one remote call per
/// folder per <see cref="FsMountOptions.DirectoryCacheTime"/>); file reads stream through ranged
/// requests, one download token per open handle.
/// </summary>
/// <remarks>
/// Create one per mount, call <see cref="InitializeAsync"/> before mounting (it fails with the
/// remote error, e.g. a bad API key), and dispose it after unmounting.
/// </remarks>
public sealed class MountedFileSystem : IVirtualFileSystem, IAsyncDisposable
{
    private readonly IRemoteDrive _drive;
    private readonly FsMountOptions _options;
    private readonly ILogger _logger;
    private readonly ILogger _readLogger;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly NodeTable _nodes;
    private readonly MetadataCache _metadata;
    private readonly CapacityCache _capacity;
    private readonly HandleTable _handles = new();

    public MountedFileSystem(
        IRemoteDrive drive,
        IOptions<FsMountOptions> options,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(drive);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(loggerFactory);

        _options = options.Value;
        var validation = new FsMountOptionsValidator().Validate(Options.DefaultName, _options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(FsMountOptions), validation.Failures);
        }

        _drive = drive;
        _logger = loggerFactory.CreateLogger<MountedFileSystem>();
        _readLogger = loggerFactory.CreateLogger("FsMount.Core.Reading");
        // The service keeps no time for the root folder; the mount's start is the least surprising.
        _nodes = new NodeTable(drive.RootFolderId, timeProvider.GetUtcNow());
        _metadata = new MetadataCache(
            drive,
            timeProvider,
            _options.DirectoryCacheTime,
            _nodes.DropUnreferenced,
            loggerFactory.CreateLogger("FsMount.Core.Metadata"),
            _lifetime.Token);
        _capacity = new CapacityCache(drive, timeProvider, _options.StatisticsCacheTime, loggerFactory.CreateLogger("FsMount.Core.Capacity"));
    }

    /// <summary>Nodes currently known (referenced by the kernel or listed recently).</summary>
    internal int NodeCount => _nodes.Count;

    internal int OpenHandleCount => _handles.Count;

    /// <summary>
    /// Lists the root folder once, so that start-up fails with the remote error (bad API key,
    /// unreachable service) before anything is mounted.
    /// </summary>
    /// <exception cref="RemoteDriveException">The service refused or could not be reached.</exception>
    public async Task InitializeAsync(CancellationToken cancellationToken) =>
        await _metadata.GetListingAsync(_nodes.Root.FolderId, cancellationToken);

    public async ValueTask<FsResult<NodeAttributes>> LookupAsync(ulong parentNodeId, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        var listed = await ListAsync(parentNodeId, cancellationToken);
        if (!listed.IsSuccess)
        {
            return listed.Error;
        }

        var (directory, listing) = listed.Value;
        if (!listing.TryFind(name, out var entry))
        {
            return FsError.NotFound;
        }

        return _nodes.Acquire(directory, entry).Attributes;
    }

    public void Retain(ulong nodeId)
    {
        if (!_nodes.Retain(nodeId))
        {
            Log.UnknownNode(_logger, nodeId);
        }
    }

    public void Forget(ulong nodeId, ulong count)
    {
        if (!_nodes.Forget(nodeId, count))
        {
            Log.UnknownNode(_logger, nodeId);
        }
    }

    public ValueTask<FsResult<NodeAttributes>> GetAttributesAsync(ulong nodeId, CancellationToken cancellationToken) =>
        ValueTask.FromResult<FsResult<NodeAttributes>>(
            _nodes.TryGet(nodeId, out var node) ? node.Attributes : FsError.NotFound);

    public async ValueTask<FsResult<IReadOnlyList<DirectoryEntry>>> ReadDirectoryAsync(ulong nodeId, CancellationToken cancellationToken)
    {
        var listed = await ListAsync(nodeId, cancellationToken);
        if (!listed.IsSuccess)
        {
            return listed.Error;
        }

        var (directory, listing) = listed.Value;
        var entries = new DirectoryEntry[listing.Entries.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = listing.Entries[i];
            entries[i] = new DirectoryEntry(entry.Name, _nodes.Peek(directory, entry).Attributes);
        }

        return entries;
    }

    public ValueTask<FsResult<ulong>> OpenAsync(ulong nodeId, CancellationToken cancellationToken)
    {
        FsResult<ulong> result = !_nodes.TryGet(nodeId, out var node) ? FsError.NotFound
            : node is not FileNode file ? FsError.IsDirectory
            : _handles.Add(new ReadHandle(file, _drive, _options, _readLogger));
        return ValueTask.FromResult(result);
    }

    // The hot path: pooled state machines keep a media stream's thousands of reads allocation-free.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<FsResult<int>> ReadAsync(ulong handleId, long offset, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (!_handles.TryGet(handleId, out var handle))
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
            Log.ReadFailed(_readLogger, handle.Node.File.ShortId, offset, error, ex);
            return error;
        }
        catch (IOException ex)
        {
            // A transfer that broke in a way the drive could not resume.
            Log.ReadFailed(_readLogger, handle.Node.File.ShortId, offset, FsError.Unavailable, ex);
            return FsError.Unavailable;
        }
    }

    public async ValueTask ReleaseAsync(ulong handleId)
    {
        if (_handles.TryRemove(handleId, out var handle))
        {
            await handle.DisposeAsync();
        }
    }

    public async ValueTask<FsResult<FileSystemStatistics>> GetStatisticsAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _capacity.GetAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return FsError.Cancelled;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _lifetime.CancelAsync();
        foreach (var handle in _handles.RemoveAll())
        {
            await handle.DisposeAsync();
        }

        _capacity.Dispose();
        _lifetime.Dispose();
    }

    /// <summary>The directory a node id names and its current listing.</summary>
    private async ValueTask<FsResult<(DirectoryNode Directory, DirectoryListing Listing)>> ListAsync(ulong nodeId, CancellationToken cancellationToken)
    {
        if (!_nodes.TryGet(nodeId, out var node))
        {
            return FsError.NotFound;
        }

        if (node is not DirectoryNode directory)
        {
            return FsError.NotDirectory;
        }

        try
        {
            return (directory, await _metadata.GetListingAsync(directory.FolderId, cancellationToken));
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

    // An exception that claims "no error" is still a failure.
    private static FsError ErrorOf(FsException exception) =>
        exception.Error == FsError.None ? FsError.Unavailable : exception.Error;
}
