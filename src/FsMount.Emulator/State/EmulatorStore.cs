using FsMount.Emulator.Wire;
using Microsoft.Data.Sqlite;

namespace FsMount.Emulator.State;

/// <summary>
/// The account's metadata in SQLite (WAL, so a killed process loses nothing committed) and its file bodies in a
/// <see cref="BlobStore"/>. One connection, one lock: every method is a short transaction.
/// </summary>
internal sealed partial class EmulatorStore : IDisposable
{
    private const string FileColumns =
        "short_id, folder_id, name, size, uploaded, checksum, content_type, blob, visible_from, description, password, inline, no_ssl, cdn, acl";

    private readonly Lock _gate = new();
    private readonly SqliteConnection _connection;
    private readonly BlobStore _blobs;
    private readonly TimeProvider _time;

    public EmulatorStore(string dataDirectory, TimeProvider time)
    {
        _time = time;
        Directory.CreateDirectory(dataDirectory);
        _blobs = new BlobStore(dataDirectory);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDirectory, "emulator.db"),
            Pooling = false,
        }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
        Execute("""
            CREATE TABLE IF NOT EXISTS folders (
                id INTEGER PRIMARY KEY AUTOINCREMENT, parent_id INTEGER REFERENCES folders(id),
                name TEXT NOT NULL, created INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS folders_parent ON folders(parent_id);
            CREATE TABLE IF NOT EXISTS files (
                short_id TEXT PRIMARY KEY, folder_id INTEGER NOT NULL REFERENCES folders(id), name TEXT NOT NULL,
                size INTEGER NOT NULL, uploaded INTEGER NOT NULL, checksum TEXT NOT NULL, content_type TEXT NOT NULL,
                blob TEXT NOT NULL, visible_from INTEGER NOT NULL, description TEXT NOT NULL, password TEXT NOT NULL,
                inline INTEGER NOT NULL, no_ssl INTEGER NOT NULL, cdn INTEGER NOT NULL, acl TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS files_folder ON files(folder_id);
            CREATE INDEX IF NOT EXISTS files_blob ON files(blob);
            CREATE TABLE IF NOT EXISTS upload_reports (xid TEXT PRIMARY KEY, created INTEGER NOT NULL, links TEXT NOT NULL);
            """);

        // The root is row 0; later folder ids start high, like the service's.
        using SqliteCommand seed = Command("""
            INSERT OR IGNORE INTO folders (id, parent_id, name, created) VALUES (0, NULL, 'Root', $now);
            UPDATE sqlite_sequence SET seq = 3357000 WHERE name = 'folders' AND seq < 3357000;
            """);
        seed.Parameters.AddWithValue("$now", ToStored(_time.GetUtcNow()));
        seed.ExecuteNonQuery();
        CleanedAtStart = _blobs.Clean(ReferencedBlobs());
    }

    /// <summary>How many stale temp files and unreferenced bodies the start-up clean removed.</summary>
    public int CleanedAtStart { get; }

    public BlobStore Blobs => _blobs;

    public void Dispose()
    {
        lock (_gate)
        {
            _connection.Dispose();
        }
    }

    private HashSet<string> ReferencedBlobs()
    {
        using SqliteCommand command = Command("SELECT DISTINCT blob FROM files");
        return ReadRows(command, reader => reader.GetString(0)).ToHashSet(StringComparer.Ordinal);
    }

    private void Execute(string sql)
    {
        using SqliteCommand command = Command(sql);
        command.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql, SqliteTransaction? transaction = null)
    {
        SqliteCommand command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    private static List<T> ReadRows<T>(SqliteCommand command, Func<SqliteDataReader, T> readRow)
    {
        using SqliteDataReader reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(readRow(reader));
        }

        return rows;
    }

    /// <summary>The answer of a <c>SELECT EXISTS (…)</c>.</summary>
    private static bool Exists(SqliteCommand command) => (long)command.ExecuteScalar()! != 0;

    private static long ToStored(DateTimeOffset instant) => instant.ToUnixTimeMilliseconds();

    private static DateTimeOffset FromStored(long stored) => DateTimeOffset.FromUnixTimeMilliseconds(stored);

    private static ApiException NotFound() => new(ApiError.NotFound);
}
