namespace FsMount.Emulator.State;

/// <summary>
/// File bodies on disk, named by random internal names only. An upload is written under <c>tmp/</c> and moved
/// into <c>blobs/</c> once complete, so a crash never leaves a partial body that metadata points to.
/// </summary>
internal sealed class BlobStore
{
    private readonly string _blobDirectory;
    private readonly string _tempDirectory;

    public BlobStore(string dataDirectory)
    {
        _blobDirectory = Path.Combine(dataDirectory, "blobs");
        _tempDirectory = Path.Combine(dataDirectory, "tmp");
        Directory.CreateDirectory(_blobDirectory);
        Directory.CreateDirectory(_tempDirectory);
    }

    /// <summary>Removes temp files left by uploads that never completed, and bodies no file refers to.</summary>
    public int Clean(IReadOnlySet<string> referencedBlobs)
    {
        int removed = 0;
        foreach (string path in Directory.EnumerateFiles(_tempDirectory))
        {
            File.Delete(path);
            removed++;
        }

        foreach (string path in Directory.EnumerateFiles(_blobDirectory))
        {
            if (!referencedBlobs.Contains(Path.GetFileName(path)))
            {
                File.Delete(path);
                removed++;
            }
        }

        return removed;
    }

    public TempBlob CreateTemp()
    {
        string name = RandomIds.BlobName();
        string path = Path.Combine(_tempDirectory, name);
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
        return new TempBlob(name, path, stream);
    }

    /// <summary>Makes a completed temp body permanent; it keeps its internal name.</summary>
    public void Commit(TempBlob blob)
    {
        ArgumentNullException.ThrowIfNull(blob);
        File.Move(blob.Path, Path.Combine(_blobDirectory, blob.Name));
    }

    public FileStream OpenRead(string blobName) =>
        new(Path.Combine(_blobDirectory, blobName), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 81920, FileOptions.Asynchronous);

    public void Delete(string blobName) => File.Delete(Path.Combine(_blobDirectory, blobName));
}
