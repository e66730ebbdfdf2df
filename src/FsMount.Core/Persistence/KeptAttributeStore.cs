using FsMount.Core.Vfs;

namespace FsMount.Core.Persistence;

/// <summary>
/// The times and permissions users set (<see cref="KeptAttributes"/>), by remote identity, in memory
/// and in the cache database, so they outlive the node and the mount.
/// </summary>
internal sealed class KeptAttributeStore
{
    private readonly CacheDatabase _database;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, KeptAttributes> _byKey;

    public KeptAttributeStore(CacheDatabase database)
    {
        _database = database;
        _byKey = database.Query(
                "SELECT key, last_write_ticks, last_access_ticks, permissions FROM kept_attributes",
                row => (Key: row.GetString(0), Value: new KeptAttributes(
                    row.IsDBNull(1) ? null : new DateTimeOffset(row.GetInt64(1), TimeSpan.Zero),
                    row.IsDBNull(2) ? null : new DateTimeOffset(row.GetInt64(2), TimeSpan.Zero),
                    row.IsDBNull(3) ? null : (uint)row.GetInt64(3))))
            .ToDictionary(row => row.Key, row => row.Value, StringComparer.Ordinal);
    }

    public KeptAttributes? Find(EntryKey key)
    {
        lock (_gate)
        {
            return _byKey.GetValueOrDefault(key.ToString());
        }
    }

    public void Set(EntryKey key, KeptAttributes attributes)
    {
        var text = key.ToString();
        lock (_gate)
        {
            _byKey[text] = attributes;
        }

        _database.Execute(
            "INSERT OR REPLACE INTO kept_attributes (key, last_write_ticks, last_access_ticks, permissions) VALUES ($key, $write, $access, $permissions)",
            parameters =>
            {
                parameters.AddWithValue("$key", text);
                parameters.AddWithValue("$write", (object?)attributes.LastWriteTime?.UtcTicks ?? DBNull.Value);
                parameters.AddWithValue("$access", (object?)attributes.LastAccessTime?.UtcTicks ?? DBNull.Value);
                parameters.AddWithValue("$permissions", (object?)attributes.Permissions ?? DBNull.Value);
            });
    }

    public void Remove(EntryKey key)
    {
        var text = key.ToString();
        lock (_gate)
        {
            if (!_byKey.Remove(text))
            {
                return;
            }
        }

        _database.Execute("DELETE FROM kept_attributes WHERE key = $key", parameters => parameters.AddWithValue("$key", text));
    }
}
