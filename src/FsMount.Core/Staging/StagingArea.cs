using System.Security.Cryptography;
using FsMount.Core.Persistence;
using Microsoft.Extensions.Logging;

namespace FsMount.Core.Staging;

/// <summary>
/// The staged files of one cache folder: data files under <c>staging/</c>, named by an opaque id,
/// and their rows in the <see cref="UploadJournal"/>. At start it reconciles the two (after a crash,
/// the data file's length is the size); anything it cannot pair is moved to <c>quarantine/</c> and
/// logged, never deleted, since a staged file may be the only copy of what a user wrote.
/// </summary>
internal sealed class StagingArea
{
    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    private readonly UploadJournal _journal;
    private readonly string _dataDirectory;
    private readonly string _quarantineDirectory;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, StagedFile> _byId = new(StringComparer.Ordinal);

    public StagingArea(string cacheDirectory, UploadJournal journal, ILogger logger)
    {
        _journal = journal;
        _logger = logger;
        _dataDirectory = Path.Combine(cacheDirectory, "staging");
        _quarantineDirectory = Path.Combine(cacheDirectory, "quarantine");
        Directory.CreateDirectory(_dataDirectory);
    }

    /// <summary>Every staged file, including removed ones whose remote leftovers are still to clean up.</summary>
    public IReadOnlyList<StagedFile> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _byId.Values];
            }
        }
    }

    /// <summary>Bytes staged and not uploaded yet: room the account must still find for them.</summary>
    public long PendingBytes => All.Where(file => file.State is { Deleted: false, Uploaded: null }).Sum(file => file.Size);

    /// <summary>
    /// The staged files that have something of theirs in a remote folder: an upload sent there
    /// (resolved or not) or a file there they replace. Until they settle, the folder is not empty on
    /// the service even when the mount shows it empty.
    /// </summary>
    public IEnumerable<StagedFile> WithRemoteTracesIn(long folderId) => All.Where(file =>
    {
        var state = file.State;
        return state.Uploaded?.FolderId == folderId
            || state.Unresolved.Any(pending => pending.FolderId == folderId)
            || state.Replaces.Any(replaced => replaced.FolderId == folderId);
    });

    /// <summary>Creates an empty staged file and its journal row (durable before this returns).</summary>
    public StagedFile Create(long folderId, string name, uint? permissions, DateTimeOffset now)
    {
        var id = RandomNumberGenerator.GetString(IdAlphabet, 12);
        var state = new StagedFileState(id, folderId, name, 0, Version: 0, now, now, null, permissions, [], [], null, UploadedVersion: 0, Deleted: false);
        var file = new StagedFile(state, DataPathOf(id), _journal);
        File.Create(file.DataPath).Dispose();
        _journal.Save(state);
        lock (_gate)
        {
            _byId.Add(id, file);
        }

        return file;
    }

    /// <summary>Drops a staged file that is uploaded and settled, or removed and cleaned up: its row, then its data.</summary>
    public void Forget(StagedFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        file.Retire();
        _journal.Remove(file.Id);
        lock (_gate)
        {
            _byId.Remove(file.Id);
        }

        File.Delete(file.DataPath);
    }

    /// <summary>Deletes the bytes of a removed file (open handles keep reading the unlinked data, as on any POSIX disk).</summary>
    public static void DiscardData(StagedFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        File.Delete(file.DataPath);
    }

    /// <summary>Loads the journal and pairs every row with its data file; returns what was recovered.</summary>
    public IReadOnlyList<StagedFile> Recover()
    {
        var paired = new HashSet<string>(StringComparer.Ordinal);
        var recovered = new List<StagedFile>();
        foreach (var (id, json, state) in _journal.Load())
        {
            var dataPath = DataPathOf(id);
            paired.Add(Path.GetFileName(dataPath));
            if (state is null)
            {
                Quarantine(id, dataPath, json, "its journal row cannot be read");
                continue;
            }

            var hasData = File.Exists(dataPath);
            if (!hasData && state is { Deleted: false, Uploaded: null })
            {
                // Nothing to upload, and what it replaces must not be removed: leave the remote as it is.
                Quarantine(id, dataPath, json, "its data file is missing");
                continue;
            }

            var current = state with { Size = hasData && !state.Deleted ? new FileInfo(dataPath).Length : state.Size };
            var file = new StagedFile(current, dataPath, _journal);
            if (current != state)
            {
                _journal.Save(current);
            }

            lock (_gate)
            {
                _byId.Add(id, file);
            }

            recovered.Add(file);
        }

        foreach (var dataPath in Directory.EnumerateFiles(_dataDirectory))
        {
            if (!paired.Contains(Path.GetFileName(dataPath)))
            {
                Quarantine(Path.GetFileName(dataPath), dataPath, null, "it has no journal row");
            }
        }

        return recovered;
    }

    private string DataPathOf(string id) => Path.Combine(_dataDirectory, id);

    // The row's text goes beside the data as <id>.json, so whoever looks can still tell what it was.
    private void Quarantine(string id, string dataPath, string? json, string reason)
    {
        Directory.CreateDirectory(_quarantineDirectory);
        var target = Path.Combine(_quarantineDirectory, id);
        if (File.Exists(dataPath))
        {
            File.Move(dataPath, target, overwrite: true);
        }

        if (json is not null)
        {
            File.WriteAllText(target + ".json", json);
        }

        _journal.Remove(id);
        Log.StagedFileQuarantined(_logger, id, reason, target);
    }
}
