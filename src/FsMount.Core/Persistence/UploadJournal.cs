using System.Text.Json;
using FsMount.Core.Staging;

namespace FsMount.Core.Persistence;

/// <summary>
/// The durable record of every staged file, one row each, written before the operation that needs
/// it returns (a create, a close, each upload step). A row is removed only once its file is
/// uploaded and settled, or removed and cleaned up.
/// </summary>
internal sealed class UploadJournal
{
    private readonly CacheDatabase _database;

    public UploadJournal(CacheDatabase database)
    {
        _database = database;
    }

    public void Save(StagedFileState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var json = JsonSerializer.Serialize(state, CoreJsonContext.Default.StagedFileState);
        _database.Execute(
            "INSERT OR REPLACE INTO staged_files (id, state) VALUES ($id, $state)",
            parameters =>
            {
                parameters.AddWithValue("$id", state.Id);
                parameters.AddWithValue("$state", json);
            });
    }

    /// <summary>Makes every row written so far durable (fsync of a staged file).</summary>
    public void Sync() => _database.Sync();

    public void Remove(string id) =>
        _database.Execute("DELETE FROM staged_files WHERE id = $id", parameters => parameters.AddWithValue("$id", id));

    /// <summary>Every row, with its text; a row that cannot be read has a null state, to be quarantined, never dropped silently.</summary>
    public List<(string Id, string Json, StagedFileState? State)> Load() => _database.Query(
        "SELECT id, state FROM staged_files ORDER BY id",
        row => (row.GetString(0), row.GetString(1), TryParse(row.GetString(1))));

    private static StagedFileState? TryParse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, CoreJsonContext.Default.StagedFileState);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
