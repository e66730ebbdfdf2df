using Microsoft.Data.Sqlite;

namespace FsMount.Emulator.State;

internal sealed partial class EmulatorStore
{
    /// <summary>Keeps the <c>end.pl</c> report of an upload (a second upload with the same id replaces it).</summary>
    public void SaveUploadReport(string uploadId, string linksJson)
    {
        lock (_gate)
        {
            using SqliteCommand command = Command("INSERT OR REPLACE INTO upload_reports (xid, created, links) VALUES ($xid, $created, $links)");
            command.Parameters.AddWithValue("$xid", uploadId);
            command.Parameters.AddWithValue("$created", ToStored(_time.GetUtcNow()));
            command.Parameters.AddWithValue("$links", linksJson);
            command.ExecuteNonQuery();
        }
    }

    /// <summary>The report's links as JSON, or null when unknown or older than <paramref name="retention"/>.</summary>
    public string? FindUploadReport(string uploadId, TimeSpan retention)
    {
        lock (_gate)
        {
            using SqliteCommand prune = Command("DELETE FROM upload_reports WHERE created < $oldest");
            prune.Parameters.AddWithValue("$oldest", ToStored(_time.GetUtcNow() - retention));
            prune.ExecuteNonQuery();
            using SqliteCommand command = Command("SELECT links FROM upload_reports WHERE xid = $xid");
            command.Parameters.AddWithValue("$xid", uploadId);
            return command.ExecuteScalar() as string;
        }
    }
}
