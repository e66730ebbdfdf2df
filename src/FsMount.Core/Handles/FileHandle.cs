using FsMount.Core.Vfs;

namespace FsMount.Core.Handles;

/// <summary>
/// An open file. A handle on a remote file streams it (<see cref="RemoteReadHandle"/>); a handle on
/// a staged file reads and writes the local copy (<see cref="StagedFileHandle"/>).
/// </summary>
internal abstract class FileHandle : IAsyncDisposable
{
    protected FileHandle(FileNode node, OpenOptions options)
    {
        Node = node;
        Options = options;
    }

    public FileNode Node { get; }

    public OpenOptions Options { get; }

    public abstract ValueTask<int> ReadAsync(long offset, Memory<byte> destination, CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();
}
