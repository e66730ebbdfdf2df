using System.Collections.Concurrent;
using FsMount.Core.Errors;
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
    private readonly Dictionary<string, byte[]> _uploaded = [];
    private readonly Dictionary<string, List<RemoteFile?>> _ticketUploads = [];
    private readonly ConcurrentDictionary<string, int> _mutationCalls = new();
    private long _bytesServed;
    private int _accountInfoCalls;
    private int _nextShortId;
    private long _nextFolderId = 1000;
    private long _nextTicket;
    private int _uploads;
    private int _uploadRequests;

    public FakeRemoteDrive()
    {
        _folders.Add(RootFolderId, ("Root", [], []));
    }

    public static DateTimeOffset Epoch { get; } = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    public long RootFolderId => 0;

    public int MaxFilesPerUpload { get; set; } = 100;

    public RemoteAttributeNames AttributeNames { get; } =
        new("user.fake.", "user.fake.link", "user.fake.sum", "user.fake.type", "user.fake.uploaded");

    public string? LinkOf(RemoteFile file) => "https://fake.invalid/" + file.ShortId;

    /// <summary>When set, listings wait for it to complete.</summary>
    public TaskCompletionSource? ListGate { get; set; }

    public Exception? ListFailure { get; set; }

    public Exception? RangeFailure { get; set; }

    public Exception? AccountInfoFailure { get; set; }

    /// <summary>When set, account info calls wait for it (a service that has not answered yet).</summary>
    public TaskCompletionSource? AccountInfoGate { get; set; }

    public RemoteAccountInfo AccountInfo { get; set; } = new(UsedBytes: 300L << 30, TotalBytes: 1L << 40);

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

    public RemoteFile AddFile(long folderId, string name, long size, DateTimeOffset? uploaded = null, string? shortId = null, string? checksum = null, string? contentType = null)
    {
        lock (_gate)
        {
            shortId ??= $"f{++_nextShortId:D9}";
            var file = new RemoteFile($"https://1fichier.test/?{shortId}", shortId, name, size, uploaded ?? Epoch, checksum, contentType);
            _folders[folderId].Files.Add(file);
            return file;
        }
    }

    /// <summary>Changes what the next listings say of a file (the service completed what an upload's report left out).</summary>
    public void ChangeListed(long folderId, string name, Func<RemoteFile, RemoteFile> change)
    {
        lock (_gate)
        {
            var files = _folders[folderId].Files;
            var index = files.FindIndex(f => f.Name == name);
            files[index] = change(files[index]);
        }
    }

    /// <summary>Removes a file from a folder behind the mount's back (another client deleted it).</summary>
    public void RemoveFromListing(long folderId, string name)
    {
        lock (_gate)
        {
            _folders[folderId].Files.RemoveAll(f => f.Name == name);
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
                throw new RemoteDriveException(FsError.NotFound, $"Folder {folderId} does not exist.");
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
        if (AccountInfoGate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        return AccountInfoFailure is { } failure ? throw failure : AccountInfo;
    }

    internal void RecordRange(long offset, long length)
    {
        lock (_gate)
        {
            _ranges.Add((offset, length));
        }
    }

    internal void CountServed(long count) => Interlocked.Add(ref _bytesServed, count);

    internal long ActualSizeOf(RemoteFile file)
    {
        lock (_gate)
        {
            return _actualSizes.GetValueOrDefault(file.Id, file.Size);
        }
    }

    /// <summary>Fills <paramref name="destination"/> from an uploaded file's bytes, or the pattern of a listed one.</summary>
    internal void Fill(string shortId, long offset, Span<byte> destination)
    {
        lock (_gate)
        {
            if (_uploaded.TryGetValue(shortId, out var bytes))
            {
                bytes.AsSpan((int)offset, destination.Length).CopyTo(destination);
                return;
            }
        }

        FakeContent.Fill(shortId, offset, destination);
    }

    public async Task<RemoteFolder> CreateFolderAsync(long parentFolderId, string name, CancellationToken cancellationToken)
    {
        await CallAsync("mkdir", cancellationToken);
        lock (_gate)
        {
            if (_folders[parentFolderId].Folders.Any(f => f.Name == name))
            {
                throw new RemoteDriveException(FsError.Exists, $"A folder named {name} exists.");
            }

            var folder = new RemoteFolder(++_nextFolderId, name, Epoch);
            _folders[parentFolderId].Folders.Add(folder);
            _folders.Add(folder.Id, (name, [], []));
            return folder;
        }
    }

    public async Task RemoveFolderAsync(long folderId, CancellationToken cancellationToken)
    {
        await CallAsync("rmdir", cancellationToken);
        lock (_gate)
        {
            if (!_folders.TryGetValue(folderId, out var folder))
            {
                return;
            }

            if (folder.Folders.Count > 0 || folder.Files.Count > 0)
            {
                throw new RemoteDriveException(FsError.NotEmpty, $"Folder {folderId} is not empty.");
            }

            _folders.Remove(folderId);
            foreach (var parent in _folders.Values)
            {
                parent.Folders.RemoveAll(f => f.Id == folderId);
            }
        }
    }

    public async Task MoveFolderAsync(RemoteFolderMove move, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(move);
        await CallAsync("mvdir", cancellationToken);
        lock (_gate)
        {
            var folders = _folders[move.FromParentId].Folders;
            var folder = folders.Single(f => f.Id == move.FolderId);
            folders.Remove(folder);
            _folders[move.ToParentId].Folders.Add(folder with { Name = move.ToName });
        }
    }

    public async Task<RemoteFile> MoveFileAsync(RemoteFile file, long fromFolderId, long toFolderId, string newName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (fromFolderId == toFolderId && file.Name == newName)
        {
            return file;
        }

        await CallAsync("mv", cancellationToken);
        lock (_gate)
        {
            var files = _folders[fromFolderId].Files;
            var index = files.FindIndex(f => f.Id == file.Id);
            if (index < 0)
            {
                throw new RemoteDriveException(FsError.NotFound, $"{file.Id} is not in folder {fromFolderId}.");
            }

            var moved = files[index] with { Name = newName };
            files.RemoveAt(index);
            _folders[toFolderId].Files.Add(moved);
            return moved;
        }
    }

    /// <summary>When set, copies fail with it (after being counted).</summary>
    public Exception? CopyFailure { get; set; }

    public async Task<RemoteFile> CopyFileAsync(RemoteFile file, long toFolderId, string newName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        await CallAsync("cp", cancellationToken);
        if (CopyFailure is { } failure)
        {
            throw failure;
        }

        var copy = AddFile(toFolderId, newName, file.Size);
        lock (_gate)
        {
            var bytes = new byte[file.Size];
            Fill(file.ShortId, 0, bytes);
            _uploaded[copy.ShortId] = bytes;
        }

        return copy;
    }

    public async Task RemoveFileAsync(RemoteFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        await CallAsync("rm", cancellationToken);
        lock (_gate)
        {
            foreach (var folder in _folders.Values)
            {
                folder.Files.RemoveAll(f => f.Id == file.Id);
            }

            _uploaded.Remove(file.ShortId);
        }
    }

    public async Task<UploadTicket> BeginUploadAsync(CancellationToken cancellationToken)
    {
        await CallAsync("begin-upload", cancellationToken);
        return new UploadTicket("fake", $"u{Interlocked.Increment(ref _nextTicket):D9}", Epoch);
    }

    /// <summary>Uploads wait for this gate when it is set (to stop one half-way).</summary>
    public TaskCompletionSource? UploadGate { get; set; }

    /// <summary>When set, uploads wait for this gate after the file is stored, before answering (a crash or a writer now leaves a landed upload unknown).</summary>
    public TaskCompletionSource? AfterStoreGate { get; set; }

    /// <summary>When set, the next upload fails with it; with <see cref="UploadLandsBeforeFailure"/> the file is stored first (a lost answer).</summary>
    public Exception? UploadFailure { get; set; }

    public bool UploadLandsBeforeFailure { get; set; }

    /// <summary>Files uploaded.</summary>
    public int Uploads => Volatile.Read(ref _uploads);

    /// <summary>Upload requests sent (several files may share one).</summary>
    public int UploadRequests => Volatile.Read(ref _uploadRequests);

    public async Task<IReadOnlyList<RemoteFile?>> UploadAsync(UploadTicket ticket, long folderId, IReadOnlyList<UploadItem> items, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(items);
        await CallAsync("upload", cancellationToken);
        var contents = new List<byte[]>();
        foreach (var item in items)
        {
            var bytes = new byte[item.Length];
            await using (var content = item.OpenContent!())
            {
                await content.ReadExactlyAsync(bytes, cancellationToken);
            }

            contents.Add(bytes);
        }

        if (UploadGate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        var failure = UploadFailure;
        UploadFailure = null;
        if (failure is not null && !UploadLandsBeforeFailure)
        {
            throw failure;
        }

        var files = new List<RemoteFile?>();
        lock (_gate)
        {
            for (var i = 0; i < items.Count; i++)
            {
                var shortId = $"f{++_nextShortId:D9}";
                var bytes = contents[i];
                var nul = bytes.Length == 1 && bytes[0] == 0;
                var file = new RemoteFile($"https://1fichier.test/?{shortId}", shortId, items[i].Name, bytes.Length, Epoch.AddMinutes(_nextShortId), nul ? EmptyFilePlaceholder.Whirlpool : null, null);
                _folders.GetValueOrDefault(folderId, _folders[RootFolderId]).Files.Add(file);
                _uploaded[shortId] = bytes;
                files.Add(file);
            }

            _ticketUploads[ticket.Id] = [.. files];
        }

        Interlocked.Add(ref _uploads, items.Count);
        Interlocked.Increment(ref _uploadRequests);
        progress?.Report(contents.Sum(bytes => bytes.LongLength));
        if (AfterStoreGate is { } stored)
        {
            await stored.Task.WaitAsync(cancellationToken);
        }

        return failure is not null ? throw failure : files;
    }

    public async Task<IReadOnlyList<RemoteFile?>> FindUploadAsync(UploadTicket ticket, long folderId, IReadOnlyList<UploadItem> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(items);
        await CallAsync("find-upload", cancellationToken);
        lock (_gate)
        {
            var landed = _ticketUploads.GetValueOrDefault(ticket.Id) ?? [];
            return [.. items.Select(item => landed.FirstOrDefault(file => file!.Name == item.Name && file.Size == item.Length))];
        }
    }

    /// <summary>The bytes a file holds on the fake service (uploaded bytes, or the pattern of a listed file).</summary>
    public byte[] ContentOf(RemoteFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var bytes = new byte[file.Size];
        Fill(file.ShortId, 0, bytes);
        return bytes;
    }

    /// <summary>The files of a folder as the fake service holds them now.</summary>
    public IReadOnlyList<RemoteFile> FilesIn(long folderId)
    {
        lock (_gate)
        {
            return [.. _folders[folderId].Files];
        }
    }

    public IReadOnlyList<RemoteFolder> FoldersIn(long folderId)
    {
        lock (_gate)
        {
            return [.. _folders[folderId].Folders];
        }
    }

    /// <summary>How many calls of one kind (mkdir, rmdir, mvdir, mv, cp, rm, begin-upload, upload, find-upload) were made.</summary>
    public int CallsOf(string kind) => _mutationCalls.GetValueOrDefault(kind);

    private async Task CallAsync(string kind, CancellationToken cancellationToken)
    {
        _mutationCalls.AddOrUpdate(kind, 1, static (_, n) => n + 1);
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
    }
}
