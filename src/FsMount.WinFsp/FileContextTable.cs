using System.Collections.Concurrent;

namespace FsMount.WinFsp;

/// <summary>
/// The opens WinFsp holds, by the number it passes back as FileContext (never 0, never reused while
/// the mount lives): plain integers rather than GC handles, so a stale value finds nothing instead of
/// another object.
/// </summary>
internal sealed class FileContextTable
{
    private readonly ConcurrentDictionary<nint, FileContext> _open = new();
    private long _last;

    public int Count => _open.Count;

    public nint Add(FileContext context)
    {
        var id = (nint)Interlocked.Increment(ref _last);
        _open[id] = context;
        return id;
    }

    /// <exception cref="InvalidOperationException">WinFsp passed a context it was never given or already closed.</exception>
    public FileContext Get(nint id) =>
        _open.TryGetValue(id, out var context) ? context : throw new InvalidOperationException($"Unknown file context {id}");

    public FileContext? Find(nint id) => id == 0 ? null : Get(id);

    public FileContext Remove(nint id) =>
        _open.TryRemove(id, out var context) ? context : throw new InvalidOperationException($"Unknown file context {id}");
}
