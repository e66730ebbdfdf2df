using System.Net;
using FsMount.OneFichier.Errors;

namespace FsMount.OneFichier;

/// <summary>
/// Ranged reads of one file. Its token comes from the client's per-file cache (shared with every other
/// download of the file, replaced when older than <see cref="OneFichierOptions.DownloadTokenLifetime"/> or
/// refused by the download host), and it returns streams that resume from the byte where a transfer broke.
/// </summary>
public sealed class OneFichierDownload
{
    private readonly OneFichierClient _client;
    private readonly string _fileUrl;
    private readonly long _fileSize;

    internal OneFichierDownload(OneFichierClient client, string fileUrl, long fileSize)
    {
        _client = client;
        _fileUrl = fileUrl;
        _fileSize = fileSize;
    }

    /// <summary>The bytes <c>[offset, offset + length)</c>, fewer at end of file; every byte or an exception.</summary>
    public async Task<Stream> OpenRangeAsync(long offset, long length, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        length = Math.Min(length, Math.Max(_fileSize - offset, 0));
        if (length == 0)
        {
            return Stream.Null;
        }

        var first = await OpenOnceAsync(offset, length, cancellationToken).ConfigureAwait(false);
        return _client.CreateResumingStream(first, offset, length, OpenOnceAsync);
    }

    private async Task<Stream> OpenOnceAsync(long offset, long length, CancellationToken cancellationToken)
    {
        var token = await _client.DownloadTokens.GetAsync(_fileUrl, null, cancellationToken).ConfigureAwait(false);
        try
        {
            return await _client.GetRangeAsync(token, offset, length, cancellationToken).ConfigureAwait(false);
        }
        catch (OneFichierException e) when (IsRefusedToken(e))
        {
            Log.DownloadTokenRenewed(_client.Logger, "refused");
            token = await _client.DownloadTokens.GetAsync(_fileUrl, token, cancellationToken).ConfigureAwait(false);
            return await _client.GetRangeAsync(token, offset, length, cancellationToken).ConfigureAwait(false);
        }
    }

    // The download host's answer to an expired or used token is not documented (open question 9): any
    // refusal that is not a flood is worth one new token; a gone file then fails at get_token.cgi.
    private static bool IsRefusedToken(OneFichierException e) =>
        e.Kind == OneFichierFailureKind.Permanent
        && e.HttpStatus is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.Gone or HttpStatusCode.Unauthorized;
}
