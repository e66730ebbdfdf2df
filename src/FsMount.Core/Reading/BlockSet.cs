using System.Buffers.Binary;
using System.Collections;

namespace FsMount.Core.Reading;

/// <summary>
/// Which blocks of a file are present, one bit per <see cref="RemoteBlock.Bytes"/> block, stored as
/// runs (first block, count: two little-endian 64-bit numbers each), which a media scan's few head
/// and tail runs keep tiny. Not thread-safe.
/// </summary>
internal sealed class BlockSet
{
    private readonly BitArray _present;

    public BlockSet(long fileSize)
    {
        BlockCount = (int)((fileSize + RemoteBlock.Bytes - 1) / RemoteBlock.Bytes);
        _present = new BitArray(BlockCount);
    }

    public int BlockCount { get; }

    public int PresentCount { get; private set; }

    public bool IsComplete => PresentCount == BlockCount;

    public bool Contains(long blockStart) => _present[Index(blockStart)];

    public void Add(long blockStart)
    {
        var index = Index(blockStart);
        if (!_present[index])
        {
            _present[index] = true;
            PresentCount++;
        }
    }

    /// <summary>Marks every block from <paramref name="blockStart"/> on missing.</summary>
    public void RemoveFrom(long blockStart)
    {
        for (var index = Index(blockStart); index < BlockCount; index++)
        {
            if (_present[index])
            {
                _present[index] = false;
                PresentCount--;
            }
        }
    }

    public void AddAll()
    {
        _present.SetAll(true);
        PresentCount = BlockCount;
    }

    /// <summary>The start of the first present block at or after <paramref name="blockStart"/>, or null.</summary>
    public long? NextPresent(long blockStart)
    {
        for (var index = Index(blockStart); index < BlockCount; index++)
        {
            if (_present[index])
            {
                return (long)index * RemoteBlock.Bytes;
            }
        }

        return null;
    }

    public byte[] ToRuns()
    {
        var runs = new List<(long First, long Count)>();
        for (var index = 0; index < BlockCount; index++)
        {
            if (!_present[index])
            {
                continue;
            }

            if (runs.Count > 0 && runs[^1].First + runs[^1].Count == index)
            {
                runs[^1] = (runs[^1].First, runs[^1].Count + 1);
            }
            else
            {
                runs.Add((index, 1));
            }
        }

        var bytes = new byte[runs.Count * 16];
        for (var i = 0; i < runs.Count; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * 16), runs[i].First);
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan((i * 16) + 8), runs[i].Count);
        }

        return bytes;
    }

    /// <summary>Restores runs written by <see cref="ToRuns"/>; runs out of range (a corrupt row) are ignored.</summary>
    public void AddRuns(ReadOnlySpan<byte> runs)
    {
        for (var offset = 0; offset + 16 <= runs.Length; offset += 16)
        {
            var first = BinaryPrimitives.ReadInt64LittleEndian(runs[offset..]);
            var count = BinaryPrimitives.ReadInt64LittleEndian(runs[(offset + 8)..]);
            for (var index = first; index >= 0 && index < first + count && index < BlockCount; index++)
            {
                Add(index * RemoteBlock.Bytes);
            }
        }
    }

    private static int Index(long blockStart) => (int)(blockStart / RemoteBlock.Bytes);
}
