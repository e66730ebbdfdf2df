using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace FsMount.Core.Handles;

/// <summary>Open handles by id. Ids start at 1 and are never reused.</summary>
internal sealed class HandleTable
{
    private readonly ConcurrentDictionary<ulong, FileHandle> _handles = new();
    private ulong _lastId;

    public int Count => _handles.Count;

    public ulong Add(FileHandle handle)
    {
        var id = Interlocked.Increment(ref _lastId);
        _handles[id] = handle;
        return id;
    }

    public bool TryGet(ulong handleId, [NotNullWhen(true)] out FileHandle? handle) => _handles.TryGetValue(handleId, out handle);

    public bool TryRemove(ulong handleId, [NotNullWhen(true)] out FileHandle? handle) => _handles.TryRemove(handleId, out handle);

    /// <summary>Removes and returns every handle (at unmount).</summary>
    public List<FileHandle> RemoveAll()
    {
        var removed = new List<FileHandle>();
        foreach (var id in _handles.Keys)
        {
            if (_handles.TryRemove(id, out var handle))
            {
                removed.Add(handle);
            }
        }

        return removed;
    }
}
