using System.Runtime.CompilerServices;
using FsMount.Core.Remote;
using Microsoft.Extensions.Logging;

namespace FsMount.Core.Reading;

/// <summary>
/// Reads one remote file for one open handle through ranged requests and the <see cref="ChunkCache"/>.
/// <list type="bullet">
/// <item>A block the chunk cache holds is read from there; every block downloaded is kept there.</item>
/// <item>The handle's <see cref="IRemoteFileReader"/> is opened on the first download, so reads the
/// cache answers cost no API call at all.</item>
/// <item>Sequential reads keep reading one range; when it is used up the next one is twice as long,
/// up to <see cref="FsMountOptions.MaxReadWindowBytes"/>.</item>
/// <item>A short forward jump from where the stream stands reads through, also across window ends and
/// from the start of the file: up to twice the current window (1 MiB at first), at most
/// <see cref="FsMountOptions.MaxForwardSkipBytes"/>; anything else (backwards, far, the tail a media
/// scanner reads) opens a new range of <see cref="FsMountOptions.ReadWindowBytes"/>, cut at end of
/// file and at the next block the cache holds.</item>
/// <item>The last <see cref="FsMountOptions.ReadBufferBytes"/> read are kept, so parallel reads that
/// arrive out of order, or a header read again, cost nothing.</item>
/// </list>
/// Reads on one handle are serialised; they are memory copies except when the stream must advance.
/// </summary>
internal sealed class RangedReader : IAsyncDisposable
{
    private const long InitialForwardSkipBytes = 1024 * 1024;

    private readonly IRemoteDrive _drive;
    private readonly RemoteFile _file;
    private readonly FsMountOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly RecentBlocks _recent;
    private readonly ChunkCache? _cache;
    private readonly ChunkFile? _chunk;
    private IRemoteFileReader? _reader;
    private ReadWindow? _window;
    private long _windowBytes;
    private long _continueAt;

    // How far ahead of the stream a read may be and still be read through to: as far as the kernel's
    // parallel reads of a stream run ahead of each other, one maximal READ (1 MiB) at first, then
    // growing as the stream goes on (its read-ahead grows as our windows do), up to
    // MaxForwardSkipBytes. A scanner's jump from a file's head to its tail is farther than that
    // unless the file is small, so it opens a new range.
    private long ForwardSkipAllowance => Math.Min(_options.MaxForwardSkipBytes, Math.Max(2 * _windowBytes, InitialForwardSkipBytes));

    public RangedReader(IRemoteDrive drive, RemoteFile file, ChunkCache? cache, FsMountOptions options, ILogger logger)
    {
        _drive = drive;
        _file = file;
        _options = options;
        _logger = logger;
        _recent = new RecentBlocks(options.ReadBufferBytes / RemoteBlock.Bytes);
        _cache = cache;
        _chunk = cache?.Acquire(file);
    }

    /// <summary>The file read, as it was when opened.</summary>
    public RemoteFile File => _file;

    /// <summary>Reads up to <paramref name="destination"/>'s length; fewer bytes only at end of file.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<int> ReadAsync(long offset, Memory<byte> destination, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (offset >= _file.Size || destination.IsEmpty)
        {
            return 0;
        }

        var wanted = (int)Math.Min(destination.Length, _file.Size - offset);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var copied = 0;
            while (copied < wanted)
            {
                var position = offset + copied;
                var block = await GetBlockAsync(RemoteBlock.StartOf(position), cancellationToken);
                var count = block?.CopyTo(position, destination.Span[copied..wanted]) ?? 0;
                if (count == 0)
                {
                    Log.FileShorterThanListed(_logger, _file.ShortId, position, _file.Size);
                    break;
                }

                copied += count;
            }

            return copied;
        }
        catch
        {
            // A failed or cancelled read leaves the stream at an unknown position.
            await CloseWindowAsync();
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            await CloseWindowAsync();
            if (_reader is not null)
            {
                await _reader.DisposeAsync();
                _reader = null;
            }

            _recent.Dispose();
            if (_chunk is not null)
            {
                _cache!.Release(_chunk);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    // Null when the remote file ends before this block.
    private async ValueTask<RemoteBlock?> GetBlockAsync(long start, CancellationToken cancellationToken)
    {
        if (_recent.Find(start) is { } recent)
        {
            return recent;
        }

        if (ReadCached(start) is { } cached)
        {
            _recent.Add(cached);
            return cached;
        }

        // A block a little ahead of the stream is read through to, across window ends: the kernel's
        // parallel reads arrive out of order, and skipping ahead would turn each earlier one into a seek.
        // (Before the first window the stream stands at the start of the file.)
        var streamPosition = _window?.Position ?? _continueAt;
        if (start < streamPosition || start - streamPosition > ForwardSkipAllowance)
        {
            await OpenWindowAsync(start, continues: false, cancellationToken);
        }

        while (true)
        {
            if (_window is null || _window.IsExhausted)
            {
                if (_window is { EndedEarly: true } || _continueAt >= _file.Size)
                {
                    return null;
                }

                // Blocks the cache holds between here and the one wanted are not downloaded again.
                var cachedNext = _chunk?.Has(_continueAt) == true;
                await OpenWindowAsync(cachedNext ? start : _continueAt, continues: !cachedNext, cancellationToken);
            }

            var block = await _window!.ReadBlockAsync(cancellationToken);
            if (block.Length == 0)
            {
                block.Dispose();
                return null;
            }

            _recent.Add(block);
            Keep(block);
            if (block.Start == start)
            {
                return block;
            }
        }
    }

    /// <summary>Opens a range at <paramref name="start"/>: twice as long as the last one when it <paramref name="continues"/> it.</summary>
    private async ValueTask OpenWindowAsync(long start, bool continues, CancellationToken cancellationToken)
    {
        _windowBytes = continues && _windowBytes > 0
            ? Math.Min(_windowBytes * 2, _options.MaxReadWindowBytes)
            : _options.ReadWindowBytes;
        await CloseWindowAsync();
        _reader ??= await _drive.OpenReadAsync(_file, cancellationToken);

        // Whole blocks, so the next window starts on a block boundary; never into what the cache holds
        // (past the first block: a window opens on a cached block only when the cache could not read it).
        var end = Math.Min(start + RoundUpToBlock(_windowBytes), _file.Size);
        if (_chunk?.NextPresent(start + RemoteBlock.Bytes) is { } cached && cached < end)
        {
            end = cached;
        }

        var length = end - start;
        var stream = await _reader.OpenRangeAsync(start, length, cancellationToken);
        Log.RangeOpened(_logger, _file.ShortId, start, length);
        _window = new ReadWindow(stream, start, start + length);
        _continueAt = start + length;
    }

    private async ValueTask CloseWindowAsync()
    {
        if (_window is not null)
        {
            var window = _window;
            _window = null;
            await window.DisposeAsync();
        }
    }

    // A cache that cannot be read (a disk error) costs a download, never this read.
    private RemoteBlock? ReadCached(long start)
    {
        try
        {
            return _chunk?.Read(start);
        }
        catch (IOException ex)
        {
            Log.ChunkCacheFailed(_logger, _chunk!.Key, ex);
            return null;
        }
    }

    // A cache that cannot keep a block (a full disk) costs a download later, never this read.
    private void Keep(RemoteBlock block)
    {
        if (_chunk is null || !_cache!.Keeps(_file.Size, block.Start, _windowBytes))
        {
            return;
        }

        try
        {
            _chunk.Store(block);
        }
        catch (IOException ex)
        {
            Log.ChunkCacheFailed(_logger, _chunk.Key, ex);
        }
    }

    private static long RoundUpToBlock(long bytes) => (bytes + RemoteBlock.Bytes - 1) / RemoteBlock.Bytes * RemoteBlock.Bytes;
}
