using Microsoft.Win32.SafeHandles;

namespace FsMount.Core.Reading;

/// <summary>
/// The cached bytes of one remote file: a sparse local file holding the blocks read so far at their
/// own offsets, and the set of blocks present. Shared by every handle of the file; the
/// <see cref="ChunkCache"/> counts its users and persists the set when the last one leaves.
/// </summary>
internal sealed class ChunkFile
{
    private readonly Lock _gate = new();
    private readonly BlockSet _present;
    private SafeFileHandle? _data;
    private bool _unsaved;

    public ChunkFile(string key, string path, long size, BlockSet present, DateTimeOffset lastUsed)
    {
        Key = key;
        Path = path;
        Size = size;
        _present = present;
        LastUsed = lastUsed;
        SavedLastUsed = lastUsed;
    }

    public string Key { get; }

    public string Path { get; }

    public long Size { get; }

    /// <summary>Handles using it (guarded by the cache).</summary>
    public int Users { get; set; }

    public DateTimeOffset LastUsed { get; set; }

    /// <summary>The last use the cache database knows of (guarded by the cache).</summary>
    public DateTimeOffset SavedLastUsed { get; set; }

    /// <summary>Whether the set of blocks changed since it was saved or loaded.</summary>
    public bool IsUnsaved
    {
        get
        {
            lock (_gate)
            {
                return _unsaved;
            }
        }
    }

    public long PresentBytes
    {
        get
        {
            lock (_gate)
            {
                return Math.Min((long)_present.PresentCount * RemoteBlock.Bytes, Size);
            }
        }
    }

    public bool Has(long blockStart)
    {
        lock (_gate)
        {
            return _present.Contains(blockStart);
        }
    }

    /// <summary>The first present block at or after <paramref name="blockStart"/>, to stop a download short of it.</summary>
    public long? NextPresent(long blockStart)
    {
        lock (_gate)
        {
            return _present.NextPresent(blockStart);
        }
    }

    /// <summary>The block at <paramref name="blockStart"/> from the local file; null when it is not cached.</summary>
    public RemoteBlock? Read(long blockStart)
    {
        if (!Has(blockStart))
        {
            return null;
        }

        var length = (int)Math.Min(RemoteBlock.Bytes, Size - blockStart);
        var block = new RemoteBlock(blockStart);
        try
        {
            block.Fill(Data(), length);
        }
        catch
        {
            block.Dispose();
            throw;
        }

        if (block.Length == length)
        {
            return block;
        }

        // The local file is shorter than its set says (it was cut behind our back): what it lost is
        // downloaded again.
        block.Dispose();
        lock (_gate)
        {
            _present.RemoveFrom(blockStart);
            _unsaved = true;
        }

        return null;
    }

    /// <summary>Keeps a downloaded block. A full block, or the file's last one, only.</summary>
    public void Store(RemoteBlock block)
    {
        if (block.Length != Math.Min(RemoteBlock.Bytes, Size - block.Start) || Has(block.Start))
        {
            return;
        }

        RandomAccess.Write(Data(), block.Content.Span, block.Start);
        lock (_gate)
        {
            _present.Add(block.Start);
            _unsaved = true;
        }
    }

    /// <summary>The set as runs, after the bytes it names have reached the disk (so the set never claims bytes a machine crash lost).</summary>
    public byte[] SyncAndTakeRuns()
    {
        if (_data is { } data)
        {
            RandomAccess.FlushToDisk(data);
        }

        lock (_gate)
        {
            _unsaved = false;
            return _present.ToRuns();
        }
    }

    /// <summary>Copies the first <paramref name="headBytes"/> and the last <paramref name="tailBytes"/> of a local file of the same content, in whole blocks.</summary>
    public void CopyFrom(string sourcePath, long headBytes, long tailBytes)
    {
        using var source = File.OpenHandle(sourcePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var tailStart = RemoteBlock.StartOf(Math.Max(0, Size - tailBytes));
        for (long start = 0; start < Size; start = NextBlock(start))
        {
            using var block = new RemoteBlock(start);
            block.Fill(source, (int)Math.Min(RemoteBlock.Bytes, Size - start));
            Store(block);
        }

        // From the end of the head straight to the tail.
        long NextBlock(long start) => start + RemoteBlock.Bytes < headBytes ? start + RemoteBlock.Bytes : Math.Max(start + RemoteBlock.Bytes, tailStart);
    }

    public void MarkComplete()
    {
        lock (_gate)
        {
            _present.AddAll();
            _unsaved = true;
        }
    }

    /// <summary>Closes the local file (when the last user leaves, or before it is deleted).</summary>
    public void Close()
    {
        lock (_gate)
        {
            _data?.Dispose();
            _data = null;
        }
    }

    private SafeFileHandle Data()
    {
        lock (_gate)
        {
            // Synchronous: the blocks go to and come from the page cache, where a 64 KiB pwrite or pread
            // takes microseconds; .NET on Linux would run each "asynchronous" call as a thread-pool
            // work item instead, a hop per block on the read path.
            return _data ??= File.OpenHandle(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        }
    }
}
