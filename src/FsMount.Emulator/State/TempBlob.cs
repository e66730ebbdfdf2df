namespace FsMount.Emulator.State;

/// <summary>An upload body being written; deleted on dispose unless committed first.</summary>
internal sealed class TempBlob : IAsyncDisposable
{
    public TempBlob(string name, string path, FileStream stream)
    {
        Name = name;
        Path = path;
        Stream = stream;
    }

    public string Name { get; }

    public string Path { get; }

    public FileStream Stream { get; }

    /// <summary>Flushes the body to the disk and closes it, ready for <see cref="BlobStore.Commit"/>.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        await Stream.FlushAsync(cancellationToken);
        Stream.Flush(flushToDisk: true);
        await Stream.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Stream.DisposeAsync();
        File.Delete(Path);
    }
}
