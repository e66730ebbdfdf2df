using System.Security.Cryptography;
using System.Text;
using FsMount.Core.Persistence;
using FsMount.Core.Remote;
using Microsoft.Extensions.Logging;

namespace FsMount.Core.Reading;

/// <summary>
/// The bytes read from remote files, kept in the cache folder (<c>chunks/</c>) across handles and
/// restarts, so a second library scan, a header read again, or a scan after a remount costs no API
/// call and no download. One sparse file per remote file, keyed by its identity: the service's id
/// and size (a file's bytes never change under one id on 1fichier; an overwrite is a new id). Bounded
/// by <see cref="FsMountOptions.ChunkCacheBytes"/>: when over, the files used least recently and
/// not open are removed whole.
/// </summary>
/// <remarks>
/// Which blocks a file holds is saved in the cache database when its last handle closes, after its
/// bytes reached the disk, so the index never claims bytes a crash lost; blocks read since then are
/// simply read again after a crash. Lock order: the cache's lock before a file's.
/// </remarks>
internal sealed class ChunkCache
{
    // A file is kept whole when it takes at most this share of the bound (160 MiB of the default
    // 10 GiB), so copying a season of episodes in, or playing a film, does not evict everything else.
    private const long WholeFileShare = 64;

    // Else its head (a scanner's probe reads a few MiB) and its tail (an mp4's index, an mkv's cues).
    private const long HeadBytes = 8L * 1024 * 1024;
    private const long TailBytes = 8L * 1024 * 1024;

    // Reads through ranges no longer than this are seeks and probes, worth keeping anywhere in a file;
    // longer ranges are a stream in full flow (RangedReader doubles them while reads stay sequential).
    private const long SeekingWindowBytes = 1024 * 1024;

    private static readonly TimeSpan s_lastUseSaveInterval = TimeSpan.FromHours(1);

    private readonly string _directory;
    private readonly CacheDatabase _database;
    private readonly long _maxBytes;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ChunkFile> _files = new(StringComparer.Ordinal);

    public ChunkCache(string cacheDirectory, CacheDatabase database, long maxBytes, TimeProvider time, ILogger logger)
    {
        _directory = Path.Combine(cacheDirectory, "chunks");
        _database = database;
        _maxBytes = maxBytes;
        _time = time;
        _logger = logger;
        Directory.CreateDirectory(_directory);
        Load();
    }

    /// <summary>
    /// Whether a block downloaded for a read is worth keeping: any block of a file small beside the
    /// bound; of a larger file, its head and tail (what scanners read again) and what seeks and probes
    /// fetch, but not the middle of a stream in full flow. A copy or a film played start to end would
    /// otherwise evict a library's heads and tails, and storing it cost more CPU than downloading it on
    /// a fast line (3.4 s against 1.3 s of the mount's CPU for a first read of 1 GiB on loopback).
    /// </summary>
    public bool Keeps(long fileSize, long blockStart, long windowBytes) =>
        fileSize <= _maxBytes / WholeFileShare
        || blockStart < HeadBytes
        || blockStart >= fileSize - TailBytes
        || windowBytes <= SeekingWindowBytes;

    /// <summary>Bytes held for all files.</summary>
    public long UsedBytes
    {
        get
        {
            lock (_gate)
            {
                return _files.Values.Sum(file => file.PresentBytes);
            }
        }
    }

    /// <summary>The cached bytes of a file, for a reader; null when nothing is cached for it (caching off, or an empty file).</summary>
    public ChunkFile? Acquire(RemoteFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (_maxBytes == 0 || file.Size == 0)
        {
            return null;
        }

        var key = KeyOf(file);
        lock (_gate)
        {
            if (!_files.TryGetValue(key, out var chunk) || chunk.Size != file.Size)
            {
                chunk = new ChunkFile(key, Path.Combine(_directory, key), file.Size, new BlockSet(file.Size), _time.GetUtcNow());
                _files[key] = chunk;
            }

            chunk.Users++;
            chunk.LastUsed = _time.GetUtcNow();
            return chunk;
        }
    }

    /// <summary>A reader is done with a file: what it added is saved, and the cache shrinks back under its bound.</summary>
    public void Release(ChunkFile chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        bool last;
        lock (_gate)
        {
            last = --chunk.Users == 0;
        }

        // A file opened and closed without a new block (a stat-and-open storm, a header read again)
        // costs no write: only new blocks, or a last use an hour newer than the saved one, are saved.
        if (last && (chunk.IsUnsaved || chunk.LastUsed - chunk.SavedLastUsed > s_lastUseSaveInterval))
        {
            Save(chunk);
            Evict();
        }
        else if (last)
        {
            CloseIfUnused(chunk);
        }
    }

    /// <summary>
    /// Takes the bytes of a file just uploaded from the staging area as cached bytes of the remote file
    /// it became, so a library scan right after copying files in costs nothing: the whole file (moved,
    /// not copied) when it is small beside the bound, else its head and tail, which is what scanners
    /// read. Never fails the upload: a cache that cannot take the file only costs downloads later.
    /// </summary>
    public async Task AdoptAsync(RemoteFile file, string dataPath)
    {
        ArgumentNullException.ThrowIfNull(file);
        var key = KeyOf(file);
        if (_maxBytes == 0 || file.Size == 0 || IsKnown(key))
        {
            return;
        }

        var chunk = new ChunkFile(key, Path.Combine(_directory, key), file.Size, new BlockSet(file.Size), _time.GetUtcNow());
        try
        {
            if (new FileInfo(dataPath).Length != file.Size)
            {
                return;
            }

            if (file.Size <= _maxBytes / WholeFileShare)
            {
                File.Move(dataPath, chunk.Path, overwrite: true);
                chunk.MarkComplete();
            }
            else
            {
                // Not cancellable: the upload is bound already, and this is a few MiB of local copying.
                chunk.CopyFrom(dataPath, HeadBytes, TailBytes);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.ChunkCacheFailed(_logger, key, ex);
            chunk.Close();
            File.Delete(chunk.Path);
            return;
        }

        lock (_gate)
        {
            _files.TryAdd(key, chunk);
        }

        Save(chunk);
        Evict();
    }

    private bool IsKnown(string key)
    {
        lock (_gate)
        {
            return _files.ContainsKey(key);
        }
    }

    private static string KeyOf(RemoteFile file) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{file.Id}\n{file.Size}")).AsSpan(0, 16));

    private void Save(ChunkFile chunk)
    {
        try
        {
            var runs = chunk.SyncAndTakeRuns();
            var lastUsed = chunk.LastUsed;
            _database.Execute(
                "INSERT OR REPLACE INTO chunk_files (key, size, last_used_ticks, runs) VALUES ($key, $size, $used, $runs)",
                parameters =>
                {
                    parameters.AddWithValue("$key", chunk.Key);
                    parameters.AddWithValue("$size", chunk.Size);
                    parameters.AddWithValue("$used", lastUsed.UtcTicks);
                    parameters.AddWithValue("$runs", runs);
                });
            lock (_gate)
            {
                chunk.SavedLastUsed = lastUsed;
            }
        }
        catch (IOException ex)
        {
            // A cache that cannot be saved is only a cache: the bytes are read again next time.
            Log.ChunkCacheFailed(_logger, chunk.Key, ex);
        }
        finally
        {
            CloseIfUnused(chunk);
        }
    }

    private void CloseIfUnused(ChunkFile chunk)
    {
        lock (_gate)
        {
            if (chunk.Users == 0)
            {
                chunk.Close();
            }
        }
    }

    private void Evict()
    {
        List<ChunkFile> evicted = [];
        lock (_gate)
        {
            var used = _files.Values.Sum(file => file.PresentBytes);
            if (used <= _maxBytes)
            {
                return;
            }

            foreach (var file in _files.Values.Where(file => file.Users == 0).OrderBy(file => file.LastUsed).ToList())
            {
                if (used <= _maxBytes)
                {
                    break;
                }

                used -= file.PresentBytes;
                _files.Remove(file.Key);
                file.Close();
                evicted.Add(file);
            }
        }

        foreach (var file in evicted)
        {
            _database.Execute("DELETE FROM chunk_files WHERE key = $key", parameters => parameters.AddWithValue("$key", file.Key));
            File.Delete(file.Path);
            Log.ChunkFileEvicted(_logger, file.Key, file.PresentBytes);
        }
    }

    // Rows whose file is gone are dropped; files without a row are bytes nobody can vouch for: deleted.
    private void Load()
    {
        var rows = _database.Query(
            "SELECT key, size, last_used_ticks, runs FROM chunk_files",
            row => (Key: row.GetString(0), Size: row.GetInt64(1), Used: row.GetInt64(2), Runs: (byte[])row.GetValue(3)));
        foreach (var (key, size, used, runs) in rows)
        {
            var path = Path.Combine(_directory, key);
            if (!File.Exists(path))
            {
                _database.Execute("DELETE FROM chunk_files WHERE key = $key", parameters => parameters.AddWithValue("$key", key));
                continue;
            }

            var present = new BlockSet(size);
            present.AddRuns(runs);
            _files[key] = new ChunkFile(key, path, size, present, new DateTimeOffset(used, TimeSpan.Zero));
        }

        foreach (var path in Directory.EnumerateFiles(_directory))
        {
            if (!_files.ContainsKey(Path.GetFileName(path)))
            {
                File.Delete(path);
            }
        }
    }
}
