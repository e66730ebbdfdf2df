using FsMount.Core.Remote;
using FsMount.OneFichier.Errors;
using FsMount.OneFichier.Transfers;

namespace FsMount.OneFichier;

/// <summary>An open handle's reads: one <see cref="OneFichierDownload"/> with failures mapped.</summary>
internal sealed class OneFichierFileReader : IRemoteFileReader
{
    private readonly OneFichierDownload _download;

    public OneFichierFileReader(OneFichierDownload download)
    {
        _download = download;
    }

    public async Task<Stream> OpenRangeAsync(long offset, long length, CancellationToken cancellationToken)
    {
        try
        {
            return new MappedErrorStream(await _download.OpenRangeAsync(offset, length, cancellationToken).ConfigureAwait(false));
        }
        catch (OneFichierException e)
        {
            throw OneFichierErrorMapper.ToRemoteDriveException(e);
        }
    }

    // The token belongs to the client's per-file cache, not to the handle: nothing to give back.
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
