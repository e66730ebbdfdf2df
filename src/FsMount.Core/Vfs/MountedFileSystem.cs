using FsMount.Core.Concurrency;
using FsMount.Core.Errors;
using FsMount.Core.Handles;
using FsMount.Core.Metadata;
using FsMount.Core.Names;
using FsMount.Core.Persistence;
using FsMount.Core.Reading;
using FsMount.Core.Remote;
using FsMount.Core.Staging;
using FsMount.Core.Uploads;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FsMount.Core.Vfs;

/// <summary>
/// The file system a mount serves, over one <see cref="IRemoteDrive"/>. Lookups, attributes and
/// directory reads come from folder listings (one remote call per folder per
/// <see cref="FsMountOptions.DirectoryCacheTime"/>) overlaid with our own changes; reads stream
/// remote files through ranged requests; writes go to staged copies in the cache folder, which the
/// <see cref="UploadQueue"/> uploads after close, durably (see <see cref="UploadJournal"/>).
/// </summary>
/// <remarks>
/// Create one per mount, call <see cref="InitializeAsync"/> before mounting (it fails with the
/// remote error, e.g. a bad API key), <see cref="FlushUploadsAsync"/> after unmounting, and dispose
/// it last. Only one mount may use a cache folder at a time (a lock file guards it).
/// </remarks>
public sealed partial class MountedFileSystem : IVirtualFileSystem, IAsyncDisposable
{
    // Permission bits shown when the user set none (the service keeps none).
    private const uint DefaultFilePermissions = 0x1A4;      // 0644
    private const uint DefaultDirectoryPermissions = 0x1ED; // 0755
    private const uint WriteBits = 0x92;                     // 0222

    private readonly IRemoteDrive _drive;
    private readonly FsMountOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ILogger _readLogger;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly FileStream _cacheLock;
    private readonly CacheDatabase _database;
    private readonly NamePolicy _names;
    private readonly Namespace _namespace;
    private readonly MetadataCache _metadata;
    private readonly CapacityCache _capacity;
    private readonly ServiceAttributes _serviceAttributes;
    private readonly StagingArea _staging;
    private readonly ChunkCache _chunks;
    private readonly ReaderPark _parkedReaders;
    private readonly UploadQueue _uploads;
    private readonly UploadSettler _settler;
    private readonly HandleTable<FileHandle> _files = new();
    private readonly HandleTable<DirectoryHandle> _directories = new();
    private readonly KeyedAsyncLock<long> _directoryChanges = new();
    private readonly KeyedAsyncLock<ulong> _fileStaging = new();
    private Task _savingListings = Task.CompletedTask;

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
        _time = timeProvider;
        _logger = loggerFactory.CreateLogger<MountedFileSystem>();
        _readLogger = loggerFactory.CreateLogger("FsMount.Core.Reading");
        _cacheLock = CacheFolder.Lock(_options.CacheDirectory);
        try
        {
            _database = new CacheDatabase(Path.Combine(_options.CacheDirectory, CacheFolder.DatabaseName));
        }
        catch
        {
            _cacheLock.Dispose();
            throw;
        }

        // The service keeps no time for the root folder; the mount's start is the least surprising.
        _names = NamePolicy.For(_options);
        _namespace = new Namespace(drive.RootFolderId, timeProvider.GetUtcNow(), new KeptAttributeStore(_database), _names, _options.PendingEntryLifetime);
        _metadata = new MetadataCache(drive, _namespace, new ListingStore(_database), timeProvider, _options.DirectoryCacheTime, loggerFactory.CreateLogger("FsMount.Core.Metadata"), _lifetime.Token);
        _serviceAttributes = new ServiceAttributes(drive);
        _capacity = new CapacityCache(drive, new AccountInfoStore(_database), timeProvider, _options.StatisticsCacheTime, loggerFactory.CreateLogger("FsMount.Core.Capacity"), _lifetime.Token);
        var uploadLogger = loggerFactory.CreateLogger("FsMount.Core.Uploads");
        _staging = new StagingArea(_options.CacheDirectory, new UploadJournal(_database), uploadLogger);
        _settler = new UploadSettler(_namespace, timeProvider);
        _parkedReaders = new ReaderPark(timeProvider);
        _chunks = new ChunkCache(_options.CacheDirectory, _database, _options.ChunkCacheBytes, timeProvider, _readLogger);
        _uploads = new UploadQueue(_staging, drive, _settler, _chunks, _options, timeProvider, uploadLogger);
    }

    /// <summary>The account-info ask in flight, or the last one (tests wait on it).</summary>
    internal Task CapacityRefresh => _capacity.Refresh;

    /// <summary>Nodes currently known (referenced, open, or shown by a cached listing).</summary>
    internal int NodeCount
    {
        get
        {
            lock (_namespace.Gate)
            {
                return _namespace.Nodes.Count;
            }
        }
    }

    internal int OpenHandleCount => _files.Count + _directories.Count;

    /// <summary>What the upload queue still holds.</summary>
    public UploadQueueStatus Uploads => _uploads.Status;

    /// <summary>
    /// Recovers the upload journal (pending uploads resume at the step they reached) and lists the
    /// root folder once, so that start-up fails with the remote error (bad API key, unreachable
    /// service) before anything is mounted.
    /// </summary>
    /// <exception cref="RemoteDriveException">The service refused or could not be reached.</exception>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        RecoverStagedFiles();
        await _metadata.GetViewAsync(_namespace.Nodes.Root, cancellationToken);
        _uploads.Start();
        _savingListings = SaveListingsPeriodicallyAsync();
    }

    /// <summary>
    /// Uploads everything staged now, without the write-back delay, reporting progress, and waits
    /// until nothing is left or <paramref name="timeout"/> passes; what is left stays in the journal
    /// for the next mount.
    /// </summary>
    public Task<UploadQueueStatus> FlushUploadsAsync(TimeSpan timeout, IProgress<UploadQueueStatus>? progress, CancellationToken cancellationToken) =>
        _uploads.FlushAsync(timeout, progress, cancellationToken);

    public void AttachInvalidator(IKernelCacheInvalidator invalidator)
    {
        ArgumentNullException.ThrowIfNull(invalidator);
        lock (_namespace.Gate)
        {
            _namespace.AttachInvalidator(invalidator);
        }
    }

    /// <summary>The folder of this mount's cache database, staged files and chunks: which account it is, for commands that look for its mount.</summary>
    public string CacheDirectory => _options.CacheDirectory;

    /// <summary>The account's storage and subscription for <c>fsmount about</c>, asking the service only when its 5-minute rule allows (see <see cref="CapacityCache"/>).</summary>
    public Task<AccountInfoReport> GetAccountInfoAsync(CancellationToken cancellationToken) => _capacity.GetReportAsync(cancellationToken);

    /// <summary>Answers at once, from what is known of the account (see <see cref="CapacityCache"/>).</summary>
    public ValueTask<FsResult<FileSystemStatistics>> GetStatisticsAsync(CancellationToken cancellationToken)
    {
        var capacity = _capacity.Current;

        // Staged bytes will take room on the account once uploaded.
        return ValueTask.FromResult<FsResult<FileSystemStatistics>>(capacity with { FreeBytes = Math.Max(0, capacity.FreeBytes - _staging.PendingBytes) });
    }

    public async ValueTask DisposeAsync()
    {
        await _lifetime.CancelAsync();
        await _uploads.DisposeAsync();
        foreach (var handle in _files.RemoveAll())
        {
            await handle.DisposeAsync();
        }

        await _parkedReaders.DisposeAsync();
        await _capacity.DisposeAsync();
        await _savingListings;
        _metadata.SaveChanged();
        _database.Dispose();
        await _cacheLock.DisposeAsync();
        _lifetime.Dispose();
    }

    // Our own changes to listings reach the disk within a second, so a crash loses little of them;
    // a clean stop saves the rest.
    private async Task SaveListingsPeriodicallyAsync()
    {
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), _time, _lifetime.Token);
                _metadata.SaveChanged();
            }
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
        {
        }
    }

    // Files recovered from the journal are shown in their folders, and what they replace is hidden.
    private void RecoverStagedFiles()
    {
        var recovered = _staging.Recover();
        var now = _time.GetUtcNow();
        var touched = new HashSet<long>();
        lock (_namespace.Gate)
        {
            foreach (var staged in recovered)
            {
                var state = staged.State;
                if (!state.Deleted)
                {
                    _namespace.ContentsOf(state.FolderId).Show(ListingEntry.ForStaged(staged, state.Name), now);
                    touched.Add(state.FolderId);
                }

                foreach (var placed in state.Uploaded is { } uploaded ? [.. state.Replaces, uploaded] : state.Replaces)
                {
                    _namespace.ContentsOf(placed.FolderId).Hide(EntryKey.ForFile(placed.File.Id), now);
                    touched.Add(placed.FolderId);
                }

                staged.ScheduleAt(now);
            }

            // Folders served from listings saved by the last run show the change at once.
            foreach (var folderId in touched)
            {
                _namespace.Refresh(folderId);
            }
        }

        if (recovered.Count > 0)
        {
            Log.StagedFilesRecovered(_logger, recovered.Count);
        }
    }

    private NodeAttributes Describe(Node node)
    {
        var shown = (_options.ReadOnly ? ~WriteBits : uint.MaxValue) & ~_options.Umask;
        switch (node)
        {
            case FileNode file:
                var written = file.LastWriteTime;
                return new NodeAttributes(
                    file.Id,
                    IsDirectory: false,
                    file.Size,
                    written,
                    file.Kept?.LastAccessTime ?? file.Staged?.State.LastAccessTime ?? written,
                    file.CreationTime,
                    (file.Permissions ?? DefaultFilePermissions) & shown);
            case DirectoryNode directory:
                var changed = directory.LastWriteTime;
                return new NodeAttributes(
                    directory.Id,
                    IsDirectory: true,
                    0,
                    changed,
                    directory.Kept?.LastAccessTime ?? changed,
                    directory.Created,
                    (directory.Kept?.Permissions ?? DefaultDirectoryPermissions) & shown);
            default:
                throw new InvalidOperationException($"Unknown node type {node.GetType()}");
        }
    }

    private FsResult<Node> FindNode(ulong nodeId)
    {
        lock (_namespace.Gate)
        {
            if (_namespace.Nodes.TryGet(nodeId, out var node))
            {
                return node;
            }
        }

        Log.UnknownNode(_logger, nodeId);
        return FsError.NotFound;
    }

    private FsResult<DirectoryNode> FindDirectory(ulong nodeId)
    {
        var found = FindNode(nodeId);
        return !found.IsSuccess ? found.Error
            : found.Value is DirectoryNode directory ? directory
            : FsError.NotDirectory;
    }

    /// <summary>The current view of a directory, listing it if needed.</summary>
    private async ValueTask<FsResult<DirectoryView>> ViewAsync(DirectoryNode directory, CancellationToken cancellationToken)
    {
        try
        {
            return await _metadata.GetViewAsync(directory, cancellationToken);
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

    /// <summary>Runs a change that calls the service, turning its failures into the error the user sees.</summary>
    private async ValueTask<FsResult<T>> GuardAsync<T>(string operation, string name, Func<ValueTask<FsResult<T>>> change, CancellationToken cancellationToken)
    {
        try
        {
            return await change();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return FsError.Cancelled;
        }
        catch (FsException ex)
        {
            var error = ErrorOf(ex);
            Log.MutationFailed(_logger, operation, name, error, ex);
            return error;
        }
        catch (IOException ex)
        {
            // The cache folder's disk failed us (full, gone).
            Log.MutationFailed(_logger, operation, name, FsError.Unavailable, ex);
            return FsError.Unavailable;
        }
    }

    private FsError RefuseIfReadOnly() => _options.ReadOnly ? FsError.ReadOnly : FsError.None;

    // An exception that claims "no error" is still a failure.
    private static FsError ErrorOf(FsException exception) =>
        exception.Error == FsError.None ? FsError.Unavailable : exception.Error;
}
