namespace FsMount.Core.Remote;

/// <summary>
/// Read access to one remote file for the life of one open handle. An implementation may hold a
/// download token and renew it when it expires; callers only ask for byte ranges.
/// </summary>
public interface IRemoteFileReader : IAsyncDisposable
{
    /// <summary>
    /// Opens a stream over the bytes <c>[offset, offset + length)</c> of the file, fewer at end of
    /// file. A transfer that breaks mid-stream is resumed by the implementation from the byte where
    /// it broke, so the stream either yields every byte or throws.
    /// </summary>
    Task<Stream> OpenRangeAsync(long offset, long length, CancellationToken cancellationToken);
}
