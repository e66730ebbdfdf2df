using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace FsMount.Core.Handles;

/// <summary>Open handles of one kind by id. Ids start at 1 and are never reused.</summary>
internal sealed class HandleTable<THandle>
    where THandle : class
{
    private readonly ConcurrentDictionary<ulong, THandle> _handles = new();
    private long _lastId;

    public int Count => _handles.Count;

    public ulong Add(THandle handle)
    {
        var id = (ulong)Interlocked.Increment(ref _lastId);
        _handles[id] = handle;
        return id;
    }

    public bool TryGet(ulong handleId, [NotNullWhen(true)] out THandle? handle) => _handles.TryGetValue(handleId, out handle);

    public bool TryRemove(ulong handleId, [NotNullWhen(true)] out THandle? handle) => _handles.TryRemove(handleId, out handle);

    /// <summary>Puts <paramref name="replacement"/> under the id of <paramref name="current"/>; false if that id no longer holds it.</summary>
    public bool TryReplace(ulong handleId, THandle current, THandle replacement) => _handles.TryUpdate(handleId, replacement, current);

    /// <summary>Removes and returns every handle (at unmount).</summary>
    public List<THandle> RemoveAll()
    {
        var removed = new List<THandle>();
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
