using System.Collections.Concurrent;
using FsMount.Core.Remote;

namespace FsMount.Core.Tests.Fakes;

/// <summary>
/// An in-memory <see cref="IRemoteDrive"/> that counts every call, and can hold listings back
/// (<see cref="ListGate"/>) or fail them, to test the core's use of its one collaborator.
/// </summary>
internal sealed class FakeRemoteDrive : IRemoteDrive
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, (string Name, List<RemoteFolder> Folders, List<RemoteFile> Files)> _folders = [];
    private readonly Dictionary<string, long> _actualSizes = [];
    private readonly ConcurrentDictionary<long, int> _listCalls = new();
    private readonly List<(long Offset, long Length)> _ranges = [];
    private readonly List<FakeFileReader> _readers = [];
    private long _bytesServed;
    private int _accountInfoCalls;
    private int _nextShortId;

    public FakeRemoteDrive()
    {
        _folders.Add(RootFolderId, ("Root", [], []));
    }

    public static DateTimeOffset Epoch { get; } = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    public long RootFolderId => 0;

    /// <summary>When set, listings wait for it to complete.</summary>
    public TaskCompletionSource? ListGate { get; set; }

    public Exception? ListFailure { get; set; }

    public Exception? RangeFailure { get; set; }

    public Exception? AccountInfoFailure { get; set; }

    public RemoteAccountInfo AccountInfo { get; set; } = new(UsedBytes: 300, TotalBytes: 1000);

    public int TotalListCalls => _listCalls.Values.Sum();

    public int AccountInfoCalls => Volatile.Read(ref _accountInfoCalls);

    public long BytesServed => Interlocked.Read(ref _bytesServed);

    public IReadOnlyList<(long Offset, long Length)> Ranges
    {
        get
        {
            lock (_gate)
            {
                return [.. _ranges];
            }
        }
    }

    public IReadOnlyList<FakeFileReader> Readers
    {
        get
        {
            lock (_gate)
            {
                return [.. _readers];
            }
        }
    }

    public int ListCallsFor(long folderId) => _listCalls.GetValueOrDefault(folderId);

    public RemoteFolder AddFolder(long parentId, long id, string name)
    {
        var folder = new RemoteFolder(id, name, Epoch.AddDays(id));
        lock (_gate)
        {
            _folders[parentId].Folders.Add(folder);
            _folders.Add(id, (name, [], []));
        }

        return folder;
    }

    public RemoteFile AddFile(long folderId, string name, long size, DateTimeOffset? uploaded = null, string? shortId = null)
    {
        lock (_gate)
        {
            shortId ??= $"f{++_nextShortId:D9}";
            var file = new RemoteFile($"https://1fichier.test/?{shortId}", shortId, name, size, uploaded ?? Epoch, Checksum: null, ContentType: null);
            _folders[folderId].Files.Add(file);
            return file;
        }
    }

    /// <summary>Makes the remote content of <paramref name="file"/> shorter than its listed size.</summary>
    public void Truncate(RemoteFile file, long actualSize)
    {
        lock (_gate)
        {
            _actualSizes[file.Id] = actualSize;
        }
    }

    public async Task<RemoteFolderListing> ListFolderAsync(long folderId, CancellationToken cancellationToken)
    {
        _listCalls.AddOrUpdate(folderId, 1, static (_, n) => n + 1);
        if (ListGate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }
        else
        {
            await Task.Yield();
        }

        if (ListFailure is { } failure)
        {
            throw failure;
        }

        lock (_gate)
        {
            if (!_folders.TryGetValue(folderId, out var folder))
            {
                throw new RemoteDriveException(Errors.FsError.NotFound, $"Folder {folderId} does not exist.");
            }

            return new RemoteFolderListing(folderId, folder.Name, [.. folder.Folders], [.. folder.Files]);
        }
    }

    public async Task<IRemoteFileReader> OpenReadAsync(RemoteFile file, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var reader = new FakeFileReader(this, file);
        lock (_gate)
        {
            _readers.Add(reader);
        }

        return reader;
    }

    public async Task<RemoteAccountInfo> GetAccountInfoAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _accountInfoCalls);
        await Task.Yield();
        return AccountInfoFailure is { } failure ? throw failure : AccountInfo;
    }

    internal void RecordRange(long offset, long length)
    {
        lock (_gate)
        {
            _ranges.Add((offset, length));
        }
    }

    internal void CountServed(int count) => Interlocked.Add(ref _bytesServed, count);

    internal long ActualSizeOf(RemoteFile file)
    {
        lock (_gate)
        {
            return _actualSizes.GetValueOrDefault(file.Id, file.Size);
        }
    }

    // TEMP-STUB (rw-base only; replaced before merging to main)
    public Task<RemoteFolder> CreateFolderAsync(long parentFolderId, string name, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task RemoveFolderAsync(long folderId, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task MoveFolderAsync(RemoteFolderMove move, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task<RemoteFile> MoveFileAsync(RemoteFile file, long fromFolderId, long toFolderId, string newName, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task<RemoteFile> CopyFileAsync(RemoteFile file, long toFolderId, string newName, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task RemoveFileAsync(RemoteFile file, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task<UploadTicket> BeginUploadAsync(CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task<RemoteFile> UploadAsync(UploadTicket ticket, long folderId, string name, Stream content, long length, IProgress<long>? progress, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task<RemoteFile?> FindUploadAsync(UploadTicket ticket, long folderId, string name, long length, CancellationToken cancellationToken) => throw new NotImplementedException();
}
