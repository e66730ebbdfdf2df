using FsMount.Core.Remote;

namespace FsMount.Core.Reading;

/// <summary>
/// Readers of files closed a moment ago, kept for <see cref="HoldTime"/> with their download token,
/// open range and recent blocks: players and scanners close a file and open it again at once, and
/// the new handle goes on where the old one stood instead of paying for a token and a new range.
/// Bounded: past <see cref="MaxParked"/> the oldest is closed.
/// </summary>
internal sealed class ReaderPark : IAsyncDisposable
{
    public const int MaxParked = 8;

    public static readonly TimeSpan HoldTime = TimeSpan.FromSeconds(5);

    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly LinkedList<(RangedReader Reader, ITimer Expiry)> _parked = new();
    private bool _disposed;

    public ReaderPark(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>A parked reader of exactly this content (same id and size), taken out of the park; null if none.</summary>
    public RangedReader? Take(RemoteFile file)
    {
        lock (_gate)
        {
            for (var node = _parked.Last; node is not null; node = node.Previous)
            {
                var parked = node.Value.Reader.File;
                if (parked.Id == file.Id && parked.Size == file.Size)
                {
                    _parked.Remove(node);
                    node.Value.Expiry.Dispose();
                    return node.Value.Reader;
                }
            }
        }

        return null;
    }

    /// <summary>Keeps a reader whose handle was closed; it is closed after the hold time unless taken.</summary>
    public ValueTask ParkAsync(RangedReader reader)
    {
        RangedReader? evicted = null;
        lock (_gate)
        {
            if (_disposed)
            {
                return reader.DisposeAsync();
            }

            var node = new LinkedListNode<(RangedReader, ITimer)>(default);
            var expiry = _time.CreateTimer(_ => Expire(node), null, HoldTime, Timeout.InfiniteTimeSpan);
            node.Value = (reader, expiry);
            _parked.AddLast(node);
            if (_parked.Count > MaxParked)
            {
                var oldest = _parked.First!;
                _parked.RemoveFirst();
                oldest.Value.Expiry.Dispose();
                evicted = oldest.Value.Reader;
            }
        }

        return evicted?.DisposeAsync() ?? ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        List<RangedReader> readers;
        lock (_gate)
        {
            _disposed = true;
            readers = [.. _parked.Select(parked => parked.Reader)];
            foreach (var (_, expiry) in _parked)
            {
                expiry.Dispose();
            }

            _parked.Clear();
        }

        foreach (var reader in readers)
        {
            await reader.DisposeAsync();
        }
    }

    private void Expire(LinkedListNode<(RangedReader Reader, ITimer Expiry)> node)
    {
        lock (_gate)
        {
            if (node.List != _parked)
            {
                return;
            }

            _parked.Remove(node);
            node.Value.Expiry.Dispose();
        }

        // Nobody waits for this: the handle closed seconds ago.
        _ = node.Value.Reader.DisposeAsync().AsTask();
    }
}
