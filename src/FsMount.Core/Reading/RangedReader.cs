using System.Runtime.CompilerServices;
using FsMount.Core.Remote;
using Microsoft.Extensions.Logging;

namespace FsMount.Core.Reading;

/// <summary>
/// Reads one remote file for one open handle through ranged requests.
/// <list type="bullet">
/// <item>The handle's <see cref="IRemoteFileReader"/> (one download token) is opened on the first read.</item>
/// <item>Sequential reads keep reading one range; when it is used up the next one is twice as long,
/// up to <see cref="FsMountOptions.MaxReadWindowBytes"/>.</item>
/// <item>A forward jump of at most <see cref="FsMountOptions.MaxForwardSkipBytes"/> reads through,
/// also across the end of a window and from the start of the file; anything else (backwards, far,
/// the tail a media scanner reads) opens a new range of <see cref="FsMountOptions.ReadWindowBytes"/>,
/// cut at end of file, of which only the blocks actually asked for are read.</item>
/// <item>The last <see cref="FsMountOptions.ReadBufferBytes"/> read are kept, so parallel reads that
/// arrive out of order, or a header read again, cost nothing.</item>
/// </list>
/// Reads on one handle are serialised; they are memory copies except when the stream must advance.
/// </summary>
internal sealed class RangedReader : IAsyncDisposable
{
    private readonly IRemoteDrive _drive;
    private readonly RemoteFile _file;
    private readonly FsMountOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly RecentBlocks _recent;
    private IRemoteFileReader? _reader;
    private ReadWindow? _window;
    private long _windowBytes;
    private long _continueAt;

    public RangedReader(IRemoteDrive drive, RemoteFile file, FsMountOptions options, ILogger logger)
    {
        _drive = drive;
        _file = file;
        _options = options;
        _logger = logger;
        _recent = new RecentBlocks(options.ReadBufferBytes / RemoteBlock.Bytes);
    }

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

        if (_window is null || !_window.CanReach(start, _options.MaxForwardSkipBytes))
        {
            await OpenWindowAsync(start, cancellationToken);
        }

        // Reads through (keeping every block) up to the one asked for.
        while (!_window!.IsExhausted)
        {
            var block = await _window.ReadBlockAsync(cancellationToken);
            if (block.Length == 0)
            {
                block.Dispose();
                break;
            }

            _recent.Add(block);
            if (block.Start == start)
            {
                return block;
            }
        }

        return null;
    }

    private async ValueTask OpenWindowAsync(long position, CancellationToken cancellationToken)
    {
        // A read a little past where the last window ended (or near the start of the file, before the
        // first) continues the stream from there: the kernel's parallel reads arrive out of order, and
        // starting at the first one to arrive would make each earlier one a backward seek.
        long start;
        if (position >= _continueAt && position - _continueAt <= _options.MaxForwardSkipBytes)
        {
            start = _continueAt;
            _windowBytes = _windowBytes == 0
                ? _options.ReadWindowBytes
                : Math.Min(_windowBytes * 2, _options.MaxReadWindowBytes);
        }
        else
        {
            start = position;
            _windowBytes = _options.ReadWindowBytes;
        }

        await CloseWindowAsync();
        _reader ??= await _drive.OpenReadAsync(_file, cancellationToken);
        // Whole blocks, so the next window starts on a block boundary.
        var length = Math.Min(RoundUpToBlock(_windowBytes), _file.Size - start);
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

    private static long RoundUpToBlock(long bytes) => (bytes + RemoteBlock.Bytes - 1) / RemoteBlock.Bytes * RemoteBlock.Bytes;
}
