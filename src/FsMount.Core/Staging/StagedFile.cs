using System.Diagnostics.CodeAnalysis;
using FsMount.Core.Persistence;
using FsMount.Core.Vfs;
using Microsoft.Win32.SafeHandles;

namespace FsMount.Core.Staging;

/// <summary>
/// One file staged in the cache folder: its bytes (a local data file, written and read in place,
/// sparse where the user left holes) and its <see cref="StagedFileState"/>, which the
/// <see cref="UploadJournal"/> keeps. Size and times change with every write in memory and reach the
/// journal at each close (<see cref="Persist"/>); after a crash the data file's length is the truth.
/// </summary>
/// <remarks>
/// The upload queue reads the data file only while no handle may write it: a writer first stops any
/// upload in progress (<see cref="AddWriter"/>) and the upload starts only when there are no
/// writers (<see cref="TryStartUpload"/>). Lock order: the namespace lock before <c>_gate</c>.
/// </remarks>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "Each upload run is owned by the queue task that started it, which disposes it through FinishUpload.")]
internal sealed class StagedFile
{
    private readonly Lock _gate = new();
    private readonly UploadJournal _journal;
    private StagedFileState _state;
    private SafeFileHandle? _data;
    private int _dataUsers;
    private int _writers;
    private bool _dirty;
    private bool _versionUnsaved;
    private UploadRun? _upload;
    private bool _backingOff;
    private bool _retired;

    public StagedFile(StagedFileState state, string dataPath, UploadJournal journal)
    {
        _state = state;
        DataPath = dataPath;
        _journal = journal;
    }

    public string Id => _state.Id;

    public string DataPath { get; }

    public StagedFileState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    public long Size => State.Size;

    public DateTimeOffset Created => State.Created;

    public DateTimeOffset LastWriteTime => State.LastWriteTime;

    public uint? Permissions => State.Permissions;

    /// <summary>The node that shows this file, once one does (files recovered from the journal get one when their folder is listed).</summary>
    public FileNode? Node { get; set; }

    /// <summary>When the upload may start: the last writer's close plus the write-back delay; null while written or not wanted.</summary>
    public DateTimeOffset? DueAt { get; private set; }

    public bool IsUploading
    {
        get
        {
            lock (_gate)
            {
                return _upload is not null;
            }
        }
    }

    public bool HasWriters => Writers > 0;

    /// <summary>Handles that may change the bytes.</summary>
    public int Writers
    {
        get
        {
            lock (_gate)
            {
                return _writers;
            }
        }
    }

    /// <summary>Opens (or shares) the data file for reading and writing.</summary>
    public SafeFileHandle AcquireData()
    {
        lock (_gate)
        {
            _data ??= File.OpenHandle(DataPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite, FileOptions.Asynchronous);
            _dataUsers++;
            return _data;
        }
    }

    public void ReleaseData()
    {
        lock (_gate)
        {
            if (--_dataUsers == 0)
            {
                _data?.Dispose();
                _data = null;
            }
        }
    }

    /// <summary>
    /// Registers a handle that may change the bytes and returns the upload to stop first, if one is
    /// running (what it sent is resolved later through the journal): the queue never streams a file
    /// that is changing. Cheap and synchronous, so the namespace can call it under its lock; the new
    /// content version reaches the journal before the first byte changes.
    /// </summary>
    public UploadRun? AddWriter()
    {
        lock (_gate)
        {
            _writers++;
            DueAt = null;
            _state = _state with { Version = _state.Version + 1 };
            _versionUnsaved = true;
            return _upload;
        }
    }

    /// <summary>The last writer's close makes the file due after <paramref name="delay"/>.</summary>
    public void RemoveWriter(DateTimeOffset now, TimeSpan delay)
    {
        lock (_gate)
        {
            if (--_writers == 0)
            {
                // A removed file has only remote leftovers to clean up: no reason to wait.
                DueAt = _state.Deleted ? now : now + delay;
                _backingOff = false;
            }
        }
    }

    /// <summary>Makes the file due at <paramref name="at"/> unless someone is writing it (recovery, a rename or attribute change of an idle file).</summary>
    public void ScheduleAt(DateTimeOffset at)
    {
        lock (_gate)
        {
            if (_writers == 0)
            {
                DueAt = DueAt is { } due && due < at ? due : at;
            }
        }
    }

    /// <summary>
    /// Called by the queue: claims the file for an upload run if it is idle and due by
    /// <paramref name="now"/>; <paramref name="skipWriteBackDelay"/> (at unmount) starts it at once
    /// unless it is backing off after a failure.
    /// </summary>
    public bool TryStartUpload(DateTimeOffset now, bool skipWriteBackDelay, out UploadRun? run)
    {
        lock (_gate)
        {
            if (_upload is not null || _writers > 0 || DueAt is not { } due || ((!skipWriteBackDelay || _backingOff) && due > now))
            {
                run = null;
                return false;
            }

            DueAt = null;
            run = _upload = new UploadRun();
            return true;
        }
    }

    /// <summary>Ends an upload run; <paramref name="retryAt"/> schedules the next one (after a failure) unless a writer came meanwhile.</summary>
    public void FinishUpload(UploadRun run, DateTimeOffset? retryAt)
    {
        lock (_gate)
        {
            if (_upload == run)
            {
                _upload = null;
            }

            if (retryAt is { } at && _writers == 0 && DueAt is null)
            {
                DueAt = at;
                _backingOff = true;
            }
        }

        run.Dispose();
    }

    /// <summary>Reads staged bytes; fewer only at end of file.</summary>
    public async ValueTask<int> ReadAsync(SafeFileHandle data, long offset, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var available = Size - offset;
        if (available <= 0 || buffer.IsEmpty)
        {
            return 0;
        }

        var wanted = buffer[..(int)Math.Min(buffer.Length, available)];
        var total = 0;
        while (total < wanted.Length)
        {
            var read = await RandomAccess.ReadAsync(data, wanted[total..], offset + total, cancellationToken);
            if (read == 0)
            {
                // Past the data file's end but within the size: a hole at the end reads as zeros.
                wanted.Span[total..].Clear();
                return wanted.Length;
            }

            total += read;
        }

        return total;
    }

    /// <summary>Writes at <paramref name="offset"/>, or at the end when <paramref name="append"/>; returns where it wrote.</summary>
    public async ValueTask<long> WriteAsync(SafeFileHandle data, long offset, ReadOnlyMemory<byte> bytes, bool append, DateTimeOffset now, CancellationToken cancellationToken)
    {
        SaveVersion();
        if (append)
        {
            offset = Size;
        }

        await RandomAccess.WriteAsync(data, bytes, offset, cancellationToken);
        lock (_gate)
        {
            _state = _state with { Size = Math.Max(_state.Size, offset + bytes.Length), LastWriteTime = now };
            _dirty = true;
        }

        return offset;
    }

    /// <summary>Cuts or extends the file (extension is a hole, which reads as zeros).</summary>
    public void SetLength(SafeFileHandle data, long size, DateTimeOffset now)
    {
        SaveVersion();
        RandomAccess.SetLength(data, size);
        lock (_gate)
        {
            _state = _state with { Size = size, LastWriteTime = now };
            _dirty = true;
        }
    }

    /// <summary>Changes the journal's state and writes it at once (not once the file is retired).</summary>
    public StagedFileState Update(Func<StagedFileState, StagedFileState> change)
    {
        StagedFileState updated;
        bool retired;
        lock (_gate)
        {
            updated = _state = change(_state);
            _dirty = false;
            _versionUnsaved = false;
            retired = _retired;
        }

        if (!retired)
        {
            _journal.Save(updated);
        }

        return updated;
    }

    /// <summary>
    /// The file was removed: from now on only its remote leftovers matter. Returns the upload to
    /// stop, if one is running.
    /// </summary>
    public UploadRun? MarkDeleted()
    {
        Update(state => state with { Deleted = true });
        lock (_gate)
        {
            return _upload;
        }
    }

    /// <summary>Whether removing it leaves nothing to clean up on the service (it never reached it).</summary>
    public bool HasNoRemoteTrace
    {
        get
        {
            var state = State;
            return state.Replaces.Count == 0 && state.Unresolved.Count == 0 && state.Uploaded is null;
        }
    }

    /// <summary>Its journal row is gone (uploaded and settled, or cleaned up): handles still open must not write it back.</summary>
    public void Retire()
    {
        lock (_gate)
        {
            _retired = true;
            DueAt = null;
        }
    }

    /// <summary>fsync(2): the journal's rows reach the disk (the caller has synced the data file).</summary>
    public void SyncJournal()
    {
        Persist();
        _journal.Sync();
    }

    /// <summary>Writes size and times to the journal if writes changed them since the last save.</summary>
    public void Persist()
    {
        StagedFileState state;
        lock (_gate)
        {
            if (!_dirty && !_versionUnsaved)
            {
                return;
            }

            state = _state;
            _dirty = false;
            _versionUnsaved = false;
            if (_retired)
            {
                return;
            }
        }

        _journal.Save(state);
    }

    // Before the first change after AddWriter: a crash must never leave bytes newer than the version the journal shows.
    private void SaveVersion()
    {
        StagedFileState state;
        lock (_gate)
        {
            if (!_versionUnsaved)
            {
                return;
            }

            state = _state;
            _versionUnsaved = false;
            if (_retired)
            {
                return;
            }
        }

        _journal.Save(state);
    }
}
