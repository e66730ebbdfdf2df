using FsMount.Core.Reading;
using FsMount.Core.Remote;
using FsMount.Core.Vfs;
using Microsoft.Extensions.Logging;

namespace FsMount.Core.Handles;

/// <summary>
/// A remote file opened for reading: streams it through one <see cref="RangedReader"/>, which it
/// takes over from a handle of the same file closed a moment ago when there is one, and parks when
/// it closes (see <see cref="ReaderPark"/>).
/// </summary>
internal sealed class RemoteReadHandle : FileHandle
{
    private readonly RangedReader _reader;
    private readonly ReaderPark _park;

    /// <param name="file">The file as it was when opened: a later listing must not change the size under a reader.</param>
    public RemoteReadHandle(FileNode node, RemoteFile file, IRemoteDrive drive, ChunkCache? cache, ReaderPark park, FsMountOptions options, ILogger logger)
        : base(node, OpenOptions.ReadOnly)
    {
        File = file;
        _park = park;

        // An empty file's placeholder byte is never read.
        var presented = file with { Size = EmptyFilePlaceholder.PresentedSize(file) };
        _reader = park.Take(presented) ?? new RangedReader(drive, presented, cache, options, logger);
    }

    /// <summary>The remote file opened.</summary>
    public RemoteFile File { get; }

    public override ValueTask<int> ReadAsync(long offset, Memory<byte> destination, CancellationToken cancellationToken) =>
        _reader.ReadAsync(offset, destination, cancellationToken);

    public override ValueTask DisposeAsync() => _park.ParkAsync(_reader);
}
