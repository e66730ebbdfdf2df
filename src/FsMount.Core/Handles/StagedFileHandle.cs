using FsMount.Core.Staging;
using FsMount.Core.Vfs;
using Microsoft.Win32.SafeHandles;

namespace FsMount.Core.Handles;

/// <summary>
/// A file open for writing, or a staged file open for reading: bytes go to and come from the local
/// staged copy. A handle opened for writing on a remote file stages it only at its first change
/// (<c>touch</c>, or an open for writing that writes nothing, costs no download and no upload);
/// until then it reads the remote file. A writing handle counts as a writer of its staged file from
/// staging to release, so no upload reads the file meanwhile; its release makes the upload due after
/// the write-back delay.
/// </summary>
internal sealed class StagedFileHandle : FileHandle
{
    private readonly Func<CancellationToken, ValueTask<StagedFile>>? _stage;
    private readonly Func<FileHandle>? _openRemote;
    private readonly TimeProvider _time;
    private readonly TimeSpan _writeBackDelay;
    private readonly Lock _gate = new();
    private Task<StagedFile>? _staging;
    private StagedFile? _staged;
    private SafeFileHandle? _data;
    private FileHandle? _remote;
    private int _unflushed;

    /// <summary>A handle on a staged file (with <see cref="OpenOptions.Writes"/>, the caller has added a writer).</summary>
    public StagedFileHandle(FileNode node, StagedFile staged, OpenOptions options, TimeProvider time, TimeSpan writeBackDelay)
        : base(node, options)
    {
        _time = time;
        _writeBackDelay = writeBackDelay;
        _staged = staged;
        _data = staged.AcquireData();
        _staging = Task.FromResult(staged);
    }

    /// <summary>A writing handle on a remote file: <paramref name="stage"/> makes (or joins) its staged copy and adds a writer.</summary>
    public StagedFileHandle(FileNode node, OpenOptions options, Func<CancellationToken, ValueTask<StagedFile>> stage, Func<FileHandle> openRemote, TimeProvider time, TimeSpan writeBackDelay)
        : base(node, options)
    {
        _stage = stage;
        _openRemote = openRemote;
        _time = time;
        _writeBackDelay = writeBackDelay;
    }

    /// <summary>The staged copy this handle reads and writes; null until its first change stages the file.</summary>
    public StagedFile? Staged => Current().Staged;

    public override async ValueTask<int> ReadAsync(long offset, Memory<byte> destination, CancellationToken cancellationToken)
    {
        var (staged, data) = Current();
        if (staged is not null)
        {
            return await staged.ReadAsync(data!, offset, destination, cancellationToken);
        }

        FileHandle remote;
        lock (_gate)
        {
            remote = _remote ??= _openRemote!();
        }

        return await remote.ReadAsync(offset, destination, cancellationToken);
    }

    public async ValueTask<int> WriteAsync(long offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var (staged, file) = await StagedAsync(cancellationToken);
        await staged.WriteAsync(file, offset, data, Options.Append, _time.GetUtcNow(), cancellationToken);
        Volatile.Write(ref _unflushed, 1);
        return data.Length;
    }

    public async ValueTask SetLengthAsync(long size, CancellationToken cancellationToken)
    {
        var (staged, file) = await StagedAsync(cancellationToken);
        staged.SetLength(file, size, _time.GetUtcNow());
        Volatile.Write(ref _unflushed, 1);
    }

    /// <summary>
    /// At close: size and times reach the journal (durable), the bytes stay in the page cache, as
    /// close(2) promises no more on a local disk either; with <paramref name="toDisk"/> (fsync) the
    /// bytes reach the disk first.
    /// </summary>
    public void Flush(bool toDisk)
    {
        var (staged, data) = Current();
        if (staged is null)
        {
            return;
        }

        if (!toDisk)
        {
            staged.Persist();
            return;
        }

        if (Interlocked.Exchange(ref _unflushed, 0) != 0)
        {
            RandomAccess.FlushToDisk(data!);
        }

        staged.SyncJournal();
    }

    public override async ValueTask DisposeAsync()
    {
        Task<StagedFile>? staging;
        lock (_gate)
        {
            staging = _staging;
        }

        if (staging is not null)
        {
            // A change still being staged when the handle closes completes first, then counts.
            try
            {
                await staging;
            }
            catch (Exception) when (staging.IsFaulted)
            {
                // That change failed and was reported to its caller; nothing was staged for it.
            }
        }

        if (_staged is { } staged)
        {
            if (Options.Writes)
            {
                Flush(toDisk: false);
                staged.RemoveWriter(_time.GetUtcNow(), _writeBackDelay);
            }

            staged.ReleaseData();
        }

        if (_remote is not null)
        {
            await _remote.DisposeAsync();
        }
    }

    private async ValueTask<(StagedFile Staged, SafeFileHandle Data)> StagedAsync(CancellationToken cancellationToken)
    {
        Task<StagedFile> staging;
        lock (_gate)
        {
            if (_staging is null || _staging.IsFaulted)
            {
                _staging = StageAsync();
            }

            staging = _staging;
        }

        await staging.WaitAsync(cancellationToken);
        var (staged, data) = Current();
        return (staged!, data!);
    }

    // The staged copy and its data, once staged (null before: the handle still reads the remote file).
    private (StagedFile? Staged, SafeFileHandle? Data) Current()
    {
        lock (_gate)
        {
            return (_staged, _data);
        }
    }

    // Not tied to one write's cancellation: other writes of this handle wait for the same staging.
    private async Task<StagedFile> StageAsync()
    {
        var staged = await _stage!(CancellationToken.None);
        lock (_gate)
        {
            _staged = staged;
            _data = staged.AcquireData();
        }

        return staged;
    }
}
