using Microsoft.Data.Sqlite;

namespace FsMount.Core.Persistence;

/// <summary>
/// The cache folder's SQLite database: the upload journal, the attributes the service cannot keep,
/// the chunk cache's index, and the listings and account info that outlive a restart. One
/// connection, used under a lock (every statement is small), in WAL mode with
/// <c>synchronous=NORMAL</c>: a commit that returned survives a crash of the process (it is in the
/// log file), and reaches the disk within the kernel's write-back time, like the staged bytes it
/// describes; <see cref="Sync"/> makes every commit durable at once, for fsync(2). (FULL, a disk
/// sync per commit, made <c>cp -r</c> of small files half as fast again.)
/// </summary>
internal sealed class CacheDatabase : IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS staged_files (
            id TEXT PRIMARY KEY,
            state TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS chunk_files (
            key TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            last_used_ticks INTEGER NOT NULL,
            runs BLOB NOT NULL);
        CREATE TABLE IF NOT EXISTS folder_listings (
            folder_id INTEGER PRIMARY KEY,
            expires_ticks INTEGER NOT NULL,
            listing TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS account_info (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            used_bytes INTEGER,
            total_bytes INTEGER,
            fetched_ticks INTEGER,
            next_ask_ticks INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS kept_attributes (
            key TEXT PRIMARY KEY,
            last_write_ticks INTEGER,
            last_access_ticks INTEGER,
            permissions INTEGER);
        """;

    private readonly Lock _gate = new();
    private readonly SqliteConnection _connection;

    public CacheDatabase(string path)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
        Execute(Schema);
    }

    /// <summary>Runs one statement; <paramref name="bind"/> sets its parameters.</summary>
    public void Execute(string sql, Action<SqliteParameterCollection>? bind = null)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            bind?.Invoke(command.Parameters);
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Makes every commit so far durable: a checkpoint syncs the log, then the database.</summary>
    public void Sync() => Execute("PRAGMA wal_checkpoint(FULL);");

    /// <summary>Runs one query and maps each row.</summary>
    public List<T> Query<T>(string sql, Func<SqliteDataReader, T> map)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            var rows = new List<T>();
            while (reader.Read())
            {
                rows.Add(map(reader));
            }

            return rows;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _connection.Dispose();
        }
    }
}
