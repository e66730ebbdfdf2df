using System.Net;
using System.Net.Http.Headers;
using FsMount.OneFichier.Errors;
using FsMount.OneFichier.Transfers;
using FsMount.OneFichier.Wire;

namespace FsMount.OneFichier;

/// <content>Downloads: <c>download/get_token.cgi</c> and ranged GETs on the token URL (docs/onefichier-api.md section 5).</content>
public sealed partial class OneFichierClient
{
    /// <summary>
    /// <c>download/get_token.cgi</c>: a download URL valid for a few minutes. It is asked with
    /// <c>single: 0</c> so that one token serves every ranged request of the file while it lasts.
    /// </summary>
    public async Task<Uri> GetDownloadTokenAsync(string fileUrl, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileUrl);
        var token = await PostAsync(
            "download/get_token.cgi",
            new DownloadTokenRequest(fileUrl, 0),
            OneFichierJsonContext.Default.DownloadTokenRequest,
            OneFichierJsonContext.Default.DownloadToken,
            null,
            cancellationToken).ConfigureAwait(false);
        if (!Uri.TryCreate(token.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            // rclone once used a missing token as if valid (commit fb305b597).
            throw new OneFichierException("get_token.cgi answered no usable URL", OneFichierFailureKind.Transient);
        }

        return url;
    }

    /// <summary>
    /// Opens a download of one file for an open handle: ranged reads on the file's cached token (replaced
    /// when it gets old or is refused) that resume transparently when a transfer breaks.
    /// </summary>
    public OneFichierDownload OpenDownload(string fileUrl, long fileSize)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileUrl);
        ArgumentOutOfRangeException.ThrowIfNegative(fileSize);
        return new OneFichierDownload(this, fileUrl, fileSize);
    }

    /// <summary>One ranged GET on a token URL, through the pipeline; the caller owns the returned body.</summary>
    internal Task<Stream> GetRangeAsync(Uri tokenUrl, long offset, long length, CancellationToken cancellationToken) => ExecuteAsync(
        "download",
        null,
        _options.DownloadResponseTimeout,
        paced: false,
        async token =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, tokenUrl);
            request.Headers.Range = new RangeHeaderValue(offset, offset + length - 1);
            Authorize(request);
            var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
            try
            {
                if (response.StatusCode == HttpStatusCode.PartialContent
                    || (response.StatusCode == HttpStatusCode.OK && offset == 0))
                {
                    return await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
                }

                var body = await response.Content.ReadAsByteArrayAsync(token).ConfigureAwait(false);
                ApiResponseReader.ThrowIfError(response.StatusCode, body);
                throw new OneFichierException("the download host ignored the Range header", OneFichierFailureKind.Permanent, response.StatusCode);
            }
            catch
            {
                response.Dispose();
                throw;
            }
        },
        cancellationToken);

    internal ResumingDownloadStream CreateResumingStream(Stream first, long offset, long length, Func<long, long, CancellationToken, Task<Stream>> openRange) =>
        new(first, offset, length, openRange, _options.MaxDownloadResumes, _options.DownloadIdleTimeout, _logger);
}
