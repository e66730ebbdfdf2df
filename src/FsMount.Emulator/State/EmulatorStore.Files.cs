using FsMount.Emulator.Wire;
using Microsoft.Data.Sqlite;

namespace FsMount.Emulator.State;

internal sealed partial class EmulatorStore
{
    public EmulatorFile? FindFile(string shortId)
    {
        lock (_gate)
        {
            return ReadFile(shortId, null);
        }
    }

    /// <summary>Files of one folder (or of the whole account for -1) that listings may show at <paramref name="now"/>.</summary>
    public IReadOnlyList<EmulatorFile> ListFiles(long folderId, DateTimeOffset now)
    {
        lock (_gate)
        {
            using SqliteCommand command = Command(
                $"SELECT {FileColumns} FROM files WHERE ($folder = -1 OR folder_id = $folder) AND visible_from <= $now ORDER BY name, uploaded, short_id");
            command.Parameters.AddWithValue("$folder", folderId);
            command.Parameters.AddWithValue("$now", ToStored(now));
            return ReadRows(command, ReadFileRow);
        }
    }

    public long UsedBytes()
    {
        lock (_gate)
        {
            using SqliteCommand command = Command("SELECT COALESCE(SUM(size), 0) FROM files");
            return (long)command.ExecuteScalar()!;
        }
    }

    /// <summary>Stores completed uploads: the bodies become permanent and the files visible in one step.</summary>
    public void AddUploadedFiles(IReadOnlyList<(EmulatorFile File, TempBlob Body)> uploads)
    {
        ArgumentNullException.ThrowIfNull(uploads);
        lock (_gate)
        {
            using SqliteTransaction transaction = _connection.BeginTransaction();
            foreach ((EmulatorFile file, TempBlob body) in uploads)
            {
                _blobs.Commit(body);
                InsertFile(file, transaction);
            }

            transaction.Commit();
        }
    }

    /// <summary>Moves files to a folder; <paramref name="rename"/> applies to a single file only.</summary>
    public IReadOnlyList<EmulatorFile> MoveFiles(IReadOnlyList<string> shortIds, long destinationId, string? rename)
    {
        lock (_gate)
        {
            using SqliteTransaction transaction = _connection.BeginTransaction();
            _ = ReadFolder(destinationId, transaction) ?? throw NotFound();
            List<EmulatorFile> files = ReadExistingFiles(shortIds, transaction);
            if (rename is not null && string.Equals(files[0].Name, rename, StringComparison.Ordinal))
            {
                throw new ApiException(ApiError.NotRenamed);
            }

            var moved = files.Select(file => file with { FolderId = destinationId, Name = rename ?? file.Name }).ToList();
            moved.ForEach(file => UpdateFile(file, transaction));
            transaction.Commit();
            return moved;
        }
    }

    /// <summary>Renames files in place; a new name equal to the old one renames nothing.</summary>
    public IReadOnlyList<(EmulatorFile Before, EmulatorFile After)> RenameFiles(IReadOnlyList<(string ShortId, string Name)> renames)
    {
        ArgumentNullException.ThrowIfNull(renames);
        lock (_gate)
        {
            using SqliteTransaction transaction = _connection.BeginTransaction();
            List<EmulatorFile> files = ReadExistingFiles(renames.Select(rename => rename.ShortId).ToList(), transaction);
            var renamed = files.Zip(renames, (file, rename) => (Before: file, After: file with { Name = rename.Name }))
                .Where(pair => !string.Equals(pair.Before.Name, pair.After.Name, StringComparison.Ordinal))
                .ToList();
            if (renamed.Count == 0)
            {
                throw new ApiException(ApiError.NotRenamed);
            }

            renamed.ForEach(pair => UpdateFile(pair.After, transaction));
            transaction.Commit();
            return renamed;
        }
    }

    /// <summary>Copies files (new ids, shared bodies) into a folder; the copies obey the listing lag.</summary>
    public IReadOnlyList<(EmulatorFile From, EmulatorFile To)> CopyFiles(IReadOnlyList<string> shortIds, long destinationId, string? rename, TimeSpan listingLag)
    {
        lock (_gate)
        {
            using SqliteTransaction transaction = _connection.BeginTransaction();
            _ = ReadFolder(destinationId, transaction) ?? throw NotFound();
            List<EmulatorFile> files = ReadExistingFiles(shortIds, transaction);
            DateTimeOffset now = FromStored(ToStored(_time.GetUtcNow()));
            var copies = files.Select(file => (From: file, To: file with
            {
                ShortId = NewFileId(transaction),
                FolderId = destinationId,
                Name = rename ?? file.Name,
                Uploaded = now,
                VisibleFrom = now + listingLag,
            })).ToList();
            copies.ForEach(pair => InsertFile(pair.To, transaction));
            transaction.Commit();
            return copies;
        }
    }

    /// <summary>Deletes the known files among <paramref name="shortIds"/> and returns them; unknown ids are skipped.</summary>
    public IReadOnlyList<EmulatorFile> RemoveFiles(IReadOnlyList<string> shortIds)
    {
        ArgumentNullException.ThrowIfNull(shortIds);
        lock (_gate)
        {
            using SqliteTransaction transaction = _connection.BeginTransaction();
            var removed = shortIds.Distinct(StringComparer.Ordinal).Select(id => ReadFile(id, transaction)).OfType<EmulatorFile>().ToList();
            foreach (EmulatorFile file in removed)
            {
                using SqliteCommand delete = Command("DELETE FROM files WHERE short_id = $id", transaction);
                delete.Parameters.AddWithValue("$id", file.ShortId);
                delete.ExecuteNonQuery();
            }

            transaction.Commit();

            // A body goes once no copy refers to it; a crash before this leaves an orphan that the next start removes.
            foreach (string blob in removed.Select(file => file.BlobName).Distinct(StringComparer.Ordinal))
            {
                using SqliteCommand used = Command("SELECT EXISTS (SELECT 1 FROM files WHERE blob = $blob)");
                used.Parameters.AddWithValue("$blob", blob);
                if (!Exists(used))
                {
                    _blobs.Delete(blob);
                }
            }

            return removed;
        }
    }

    public IReadOnlyList<EmulatorFile> UpdateFiles(IReadOnlyList<string> shortIds, Func<EmulatorFile, EmulatorFile> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            using SqliteTransaction transaction = _connection.BeginTransaction();
            var updated = ReadExistingFiles(shortIds, transaction).Select(change).ToList();
            updated.ForEach(file => UpdateFile(file, transaction));
            transaction.Commit();
            return updated;
        }
    }

    /// <summary>A file id no file uses (ids stay unique for the life of the account database).</summary>
    public string NewFileId()
    {
        lock (_gate)
        {
            return NewFileId(null);
        }
    }

    private string NewFileId(SqliteTransaction? transaction)
    {
        while (true)
        {
            string id = RandomIds.FileId();
            if (ReadFile(id, transaction) is null)
            {
                return id;
            }
        }
    }

    private List<EmulatorFile> ReadExistingFiles(IReadOnlyList<string> shortIds, SqliteTransaction transaction) =>
        shortIds.Select(id => ReadFile(id, transaction) ?? throw NotFound()).ToList();

    private EmulatorFile? ReadFile(string shortId, SqliteTransaction? transaction)
    {
        using SqliteCommand command = Command($"SELECT {FileColumns} FROM files WHERE short_id = $id", transaction);
        command.Parameters.AddWithValue("$id", shortId);
        return ReadRows(command, ReadFileRow).SingleOrDefault();
    }

    private void InsertFile(EmulatorFile file, SqliteTransaction transaction)
    {
        using SqliteCommand command = Command(
            $"INSERT INTO files ({FileColumns}) VALUES ($id, $folder, $name, $size, $uploaded, $checksum, $type, $blob, $visible, $description, $password, $inline, $nossl, $cdn, $acl)",
            transaction);
        BindFile(command, file);
        command.ExecuteNonQuery();
    }

    private void UpdateFile(EmulatorFile file, SqliteTransaction transaction)
    {
        using SqliteCommand command = Command(
            "UPDATE files SET folder_id = $folder, name = $name, description = $description, password = $password, inline = $inline, no_ssl = $nossl, cdn = $cdn, acl = $acl WHERE short_id = $id",
            transaction);
        BindFile(command, file);
        command.ExecuteNonQuery();
    }

    private static void BindFile(SqliteCommand command, EmulatorFile file)
    {
        SqliteParameterCollection parameters = command.Parameters;
        parameters.AddWithValue("$id", file.ShortId);
        parameters.AddWithValue("$folder", file.FolderId);
        parameters.AddWithValue("$name", file.Name);
        parameters.AddWithValue("$size", file.Size);
        parameters.AddWithValue("$uploaded", ToStored(file.Uploaded));
        parameters.AddWithValue("$checksum", file.Checksum);
        parameters.AddWithValue("$type", file.ContentType);
        parameters.AddWithValue("$blob", file.BlobName);
        parameters.AddWithValue("$visible", ToStored(file.VisibleFrom));
        parameters.AddWithValue("$description", file.Attributes.Description);
        parameters.AddWithValue("$password", file.Attributes.Password);
        parameters.AddWithValue("$inline", file.Attributes.Inline);
        parameters.AddWithValue("$nossl", file.Attributes.NoSsl);
        parameters.AddWithValue("$cdn", file.Attributes.Cdn);
        parameters.AddWithValue("$acl", file.Attributes.AclJson);
    }

    private static EmulatorFile ReadFileRow(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetInt64(1),
        reader.GetString(2),
        reader.GetInt64(3),
        FromStored(reader.GetInt64(4)),
        reader.GetString(5),
        reader.GetString(6),
        reader.GetString(7),
        FromStored(reader.GetInt64(8)),
        new EmulatorFileAttributes(
            reader.GetString(9), reader.GetString(10), reader.GetBoolean(11), reader.GetBoolean(12), reader.GetBoolean(13), reader.GetString(14)));
}
