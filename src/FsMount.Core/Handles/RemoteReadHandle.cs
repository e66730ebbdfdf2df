using FsMount.Core.Reading;
using FsMount.Core.Remote;
using FsMount.Core.Vfs;
using Microsoft.Extensions.Logging;

namespace FsMount.Core.Handles;

/// <summary>A remote file opened for reading: streams it through one <see cref="RangedReader"/>.</summary>
internal sealed class RemoteReadHandle : FileHandle
{
    private readonly RangedReader _reader;

    /// <param name="file">The file as it was when opened: a later listing must not change the size under a reader.</param>
    public RemoteReadHandle(FileNode node, RemoteFile file, IRemoteDrive drive, ChunkCache? cache, FsMountOptions options, ILogger logger)
        : base(node, OpenOptions.ReadOnly)
    {
        // An empty file's placeholder byte is never read.
        _reader = new RangedReader(drive, file with { Size = EmptyFilePlaceholder.PresentedSize(file) }, cache, options, logger);
    }

    public override ValueTask<int> ReadAsync(long offset, Memory<byte> destination, CancellationToken cancellationToken) =>
        _reader.ReadAsync(offset, destination, cancellationToken);

    public override ValueTask DisposeAsync() => _reader.DisposeAsync();
}
