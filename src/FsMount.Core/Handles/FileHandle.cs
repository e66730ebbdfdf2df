using FsMount.Core.Vfs;

namespace FsMount.Core.Handles;

/// <summary>
/// An open file. Each kind of handle (read-only streaming now; staged writes later) implements the
/// operations it supports.
/// </summary>
internal abstract class FileHandle : IAsyncDisposable
{
    protected FileHandle(FileNode node)
    {
        Node = node;
    }

    public FileNode Node { get; }

    public abstract ValueTask<int> ReadAsync(long offset, Memory<byte> destination, CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();
}
