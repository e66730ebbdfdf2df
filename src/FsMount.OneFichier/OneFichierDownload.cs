using System.Net;
using FsMount.OneFichier.Errors;

namespace FsMount.OneFichier;

/// <summary>
/// Ranged reads of one file for the life of one open handle. It holds ONE download token, asks a new
/// one when it is older than <see cref="OneFichierOptions.DownloadTokenLifetime"/> or the download host
/// refuses it, and returns streams that resume from the byte where a transfer broke.
/// </summary>
public sealed class OneFichierDownload : IAsyncDisposable
{
    private readonly OneFichierClient _client;
    private readonly string _fileUrl;
    private readonly long _fileSize;
    private readonly SemaphoreSlim _tokenLock = new(1, 1);
    private Uri? _token;
    private DateTimeOffset _tokenIssued;

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

    public ValueTask DisposeAsync()
    {
        _tokenLock.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<Stream> OpenOnceAsync(long offset, long length, CancellationToken cancellationToken)
    {
        var token = await GetTokenAsync(null, cancellationToken).ConfigureAwait(false);
        try
        {
            return await _client.GetRangeAsync(token, offset, length, cancellationToken).ConfigureAwait(false);
        }
        catch (OneFichierException e) when (IsRefusedToken(e))
        {
            Log.DownloadTokenRenewed(_client.Logger, "refused");
            token = await GetTokenAsync(token, cancellationToken).ConfigureAwait(false);
            return await _client.GetRangeAsync(token, offset, length, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The current token, or a new one when it is old or is <paramref name="refused"/>.</summary>
    private async Task<Uri> GetTokenAsync(Uri? refused, CancellationToken cancellationToken)
    {
        await _tokenLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _client.Time.GetUtcNow();
            var stale = _token is null || _token == refused || now - _tokenIssued >= _client.Options.DownloadTokenLifetime;
            if (stale)
            {
                _token = await _client.GetDownloadTokenAsync(_fileUrl, cancellationToken).ConfigureAwait(false);
                _tokenIssued = now;
            }

            return _token!;
        }
        finally
        {
            _tokenLock.Release();
        }
    }

    // The download host's answer to an expired or used token is not documented (open question 9): any
    // refusal that is not a flood is worth one new token; a gone file then fails at get_token.cgi.
    private static bool IsRefusedToken(OneFichierException e) =>
        e.Kind == OneFichierFailureKind.Permanent
        && e.HttpStatus is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.Gone or HttpStatusCode.Unauthorized;
}
