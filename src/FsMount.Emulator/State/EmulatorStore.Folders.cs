using FsMount.Emulator.Wire;
using Microsoft.Data.Sqlite;

namespace FsMount.Emulator.State;

internal sealed partial class EmulatorStore
{
    public EmulatorFolder? FindFolder(long id)
    {
        lock (_gate)
        {
            return ReadFolder(id, null);
        }
    }

    public IReadOnlyList<EmulatorFolder> ListSubFolders(long parentId)
    {
        lock (_gate)
        {
            using SqliteCommand command = Command("SELECT id, parent_id, name, created FROM folders WHERE parent_id = $parent ORDER BY name, id");
            command.Parameters.AddWithValue("$parent", parentId);
            return ReadRows(command, ReadFolderRow);
        }
    }

    /// <summary>The folder's path below the root, e.g. <c>ExampleA/ExampleB</c>; empty for the root.</summary>
    public string FolderPath(long id)
    {
        lock (_gate)
        {
            var names = new List<string>();
            for (EmulatorFolder? folder = ReadFolder(id, null); folder is { IsRoot: false }; folder = ReadFolder(folder.ParentId!.Value, null))
            {
                names.Add(folder.Name);
            }

            names.Reverse();
            return string.Join('/', names);
        }
    }

    public EmulatorFolder CreateFolder(long parentId, string name, bool allowDuplicateNames)
    {
        lock (_gate)
        {
            using SqliteTransaction transaction = _connection.BeginTransaction();
            _ = ReadFolder(parentId, transaction) ?? throw NotFound();
            if (!allowDuplicateNames && SiblingFolderExists(parentId, name, transaction))
            {
                throw new ApiException(ApiError.FolderExists);
            }

            DateTimeOffset created = _time.GetUtcNow();
            using SqliteCommand insert = Command("INSERT INTO folders (parent_id, name, created) VALUES ($parent, $name, $created) RETURNING id", transaction);
            insert.Parameters.AddWithValue("$parent", parentId);
            insert.Parameters.AddWithValue("$name", name);
            insert.Parameters.AddWithValue("$created", ToStored(created));
            long id = (long)insert.ExecuteScalar()!;
            transaction.Commit();
            return new EmulatorFolder(id, parentId, name, FromStored(ToStored(created)));
        }
    }

    /// <summary>Removes an empty folder; files still hidden by the listing lag count as content.</summary>
    public void RemoveFolder(long id)
    {
        lock (_gate)
        {
            using SqliteTransaction transaction = _connection.BeginTransaction();
            EmulatorFolder folder = ReadFolder(id, transaction) ?? throw NotFound();
            if (folder.IsRoot)
            {
                throw new ApiException(ApiError.FolderMoveRefused.WithDetail("the root cannot be removed"));
            }

            using SqliteCommand content = Command(
                "SELECT EXISTS (SELECT 1 FROM folders WHERE parent_id = $id) OR EXISTS (SELECT 1 FROM files WHERE folder_id = $id)", transaction);
            content.Parameters.AddWithValue("$id", id);
            if (Exists(content))
            {
                throw new ApiException(ApiError.FolderNotEmpty);
            }

            using SqliteCommand delete = Command("DELETE FROM folders WHERE id = $id", transaction);
            delete.Parameters.AddWithValue("$id", id);
            delete.ExecuteNonQuery();
            transaction.Commit();
        }
    }

    /// <summary>Moves and/or renames a folder; returns the folder before and after.</summary>
    public (EmulatorFolder Before, EmulatorFolder After) MoveFolder(long id, long destinationId, string newName, bool allowDuplicateNames)
    {
        lock (_gate)
        {
            using SqliteTransaction transaction = _connection.BeginTransaction();
            EmulatorFolder folder = ReadFolder(id, transaction) ?? throw NotFound();
            if (folder.IsRoot)
            {
                throw new ApiException(ApiError.FolderMoveRefused.WithDetail("the root cannot be moved"));
            }

            EmulatorFolder destination = ReadFolder(destinationId, transaction) ?? throw NotFound();
            for (EmulatorFolder? ancestor = destination; ancestor is not null; ancestor = ancestor.ParentId is long parent ? ReadFolder(parent, transaction) : null)
            {
                if (ancestor.Id == id)
                {
                    throw new ApiException(ApiError.FolderMoveRefused.WithDetail("a folder cannot move into itself"));
                }
            }

            bool unchanged = folder.ParentId == destinationId && string.Equals(folder.Name, newName, StringComparison.Ordinal);
            if (!unchanged && !allowDuplicateNames && SiblingFolderExists(destinationId, newName, transaction))
            {
                throw new ApiException(ApiError.FolderExists);
            }

            using SqliteCommand update = Command("UPDATE folders SET parent_id = $parent, name = $name WHERE id = $id", transaction);
            update.Parameters.AddWithValue("$parent", destinationId);
            update.Parameters.AddWithValue("$name", newName);
            update.Parameters.AddWithValue("$id", id);
            update.ExecuteNonQuery();
            transaction.Commit();
            return (folder, folder with { ParentId = destinationId, Name = newName });
        }
    }

    private bool SiblingFolderExists(long parentId, string name, SqliteTransaction transaction)
    {
        using SqliteCommand command = Command("SELECT EXISTS (SELECT 1 FROM folders WHERE parent_id = $parent AND name = $name)", transaction);
        command.Parameters.AddWithValue("$parent", parentId);
        command.Parameters.AddWithValue("$name", name);
        return Exists(command);
    }

    private EmulatorFolder? ReadFolder(long id, SqliteTransaction? transaction)
    {
        using SqliteCommand command = Command("SELECT id, parent_id, name, created FROM folders WHERE id = $id", transaction);
        command.Parameters.AddWithValue("$id", id);
        return ReadRows(command, ReadFolderRow).SingleOrDefault();
    }

    private static EmulatorFolder ReadFolderRow(SqliteDataReader reader) =>
        new(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt64(1), reader.GetString(2), FromStored(reader.GetInt64(3)));
}
