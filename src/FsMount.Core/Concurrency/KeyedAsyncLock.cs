namespace FsMount.Core.Concurrency;

/// <summary>
/// Asynchronous mutual exclusion per key (a directory being changed, a file being staged), with
/// the semaphores created on demand and dropped when nobody holds or waits for them.
/// </summary>
internal sealed class KeyedAsyncLock<TKey>
    where TKey : notnull
{
    private readonly Lock _gate = new();
    private readonly Dictionary<TKey, Entry> _entries = [];

    /// <summary>Takes the lock of <paramref name="key"/>; dispose the result to release it.</summary>
    public async ValueTask<Releaser> LockAsync(TKey key, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out entry!))
            {
                entry = new Entry();
                _entries.Add(key, entry);
            }

            entry.Users++;
        }

        try
        {
            await entry.Semaphore.WaitAsync(cancellationToken);
        }
        catch
        {
            Leave(key, entry);
            throw;
        }

        return new Releaser(this, key, entry);
    }

    private void Leave(TKey key, Entry entry)
    {
        lock (_gate)
        {
            if (--entry.Users == 0)
            {
                _entries.Remove(key);
                entry.Semaphore.Dispose();
            }
        }
    }

    /// <summary>Holds one key's lock until disposed.</summary>
    public readonly struct Releaser : IDisposable
    {
        private readonly KeyedAsyncLock<TKey>? _owner;
        private readonly TKey _key;
        private readonly Entry? _entry;

        internal Releaser(KeyedAsyncLock<TKey> owner, TKey key, Entry entry)
        {
            _owner = owner;
            _key = key;
            _entry = entry;
        }

        public void Dispose()
        {
            if (_owner is not null && _entry is not null)
            {
                _entry.Semaphore.Release();
                _owner.Leave(_key, _entry);
            }
        }
    }

    internal sealed class Entry
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int Users { get; set; }
    }
}
