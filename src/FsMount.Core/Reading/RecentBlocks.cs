namespace FsMount.Core.Reading;

/// <summary>
/// The blocks one handle read last, oldest first. The kernel sends several reads of one file at
/// once and they may arrive out of order; a read just behind the stream is served from here instead
/// of a new ranged request. A linear scan is the right structure for a few dozen blocks.
/// </summary>
internal sealed class RecentBlocks : IDisposable
{
    private readonly List<RemoteBlock> _blocks;
    private readonly int _capacity;

    public RecentBlocks(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        _blocks = new List<RemoteBlock>(capacity);
    }

    public RemoteBlock? Find(long start)
    {
        foreach (var block in _blocks)
        {
            if (block.Start == start)
            {
                return block;
            }
        }

        return null;
    }

    public void Add(RemoteBlock block)
    {
        if (_blocks.Count == _capacity)
        {
            _blocks[0].Dispose();
            _blocks.RemoveAt(0);
        }

        _blocks.Add(block);
    }

    public void Dispose()
    {
        foreach (var block in _blocks)
        {
            block.Dispose();
        }

        _blocks.Clear();
    }
}
