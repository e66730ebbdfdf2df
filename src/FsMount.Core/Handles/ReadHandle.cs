using FsMount.Core.Reading;
using FsMount.Core.Remote;
using FsMount.Core.Vfs;
using Microsoft.Extensions.Logging;

namespace FsMount.Core.Handles;

/// <summary>A file opened for reading: streams the remote file through one <see cref="RangedReader"/>.</summary>
internal sealed class ReadHandle : FileHandle
{
    private readonly RangedReader _reader;

    public ReadHandle(FileNode node, IRemoteDrive drive, FsMountOptions options, ILogger logger)
        : base(node)
    {
        // The file as it was when opened: a later listing must not change the size under a reader.
        _reader = new RangedReader(drive, node.File, options, logger);
    }

    public override ValueTask<int> ReadAsync(long offset, Memory<byte> destination, CancellationToken cancellationToken) =>
        _reader.ReadAsync(offset, destination, cancellationToken);

    public override ValueTask DisposeAsync() => _reader.DisposeAsync();
}
