using System.Collections.Concurrent;

namespace FsMount.Fuse.Bridge;

/// <summary>The open directories, by the handle OPENDIR gave the kernel.</summary>
internal sealed class DirectorySnapshots
{
    private readonly ConcurrentDictionary<ulong, DirectorySnapshot> _byHandle = new();
    private long _lastHandle;

    public ulong Add(DirectorySnapshot snapshot)
    {
        var handle = (ulong)Interlocked.Increment(ref _lastHandle);
        _byHandle[handle] = snapshot;
        return handle;
    }

    public bool TryGet(ulong handle, out DirectorySnapshot snapshot) => _byHandle.TryGetValue(handle, out snapshot!);

    public void Remove(ulong handle) => _byHandle.TryRemove(handle, out _);
}
