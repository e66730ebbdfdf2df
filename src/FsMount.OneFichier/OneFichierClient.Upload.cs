using System.Globalization;
using System.Net;
using FsMount.OneFichier.Errors;
using FsMount.OneFichier.Names;
using FsMount.OneFichier.Transfers;
using FsMount.OneFichier.Wire;

namespace FsMount.OneFichier;

/// <content>Uploads: <c>get_upload_server.cgi</c>, <c>upload.cgi</c> and <c>end.pl</c> (docs/onefichier-api.md section 4).</content>
public sealed partial class OneFichierClient
{
    /// <summary>The largest file the service accepts (300 GB).</summary>
    public const long MaxFileSize = 300_000_000_000;

    /// <summary>
    /// <c>upload/get_upload_server.cgi</c>: an upload node (bare host[:port]) and a fresh upload id. A GET
    /// that still declares a JSON body: the service needs the content type (rclone's note).
    /// </summary>
    public Task<UploadServer> GetUploadServerAsync(CancellationToken cancellationToken) => SendJsonAsync(
        HttpMethod.Get,
        "upload/get_upload_server.cgi",
        [],
        OneFichierJsonContext.Default.UploadServer,
        null,
        cancellationToken);

    /// <summary>Uploads a local file into <paramref name="folderId"/> under <paramref name="name"/>.</summary>
    public async Task<UploadedFile> UploadFileAsync(string path, long folderId, string name, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (source.ConfigureAwait(false))
        {
            return await UploadAsync(source, source.Length, folderId, name, progress, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Uploads <paramref name="length"/> bytes of <paramref name="content"/> into <paramref name="folderId"/>
    /// under <paramref name="name"/>, streamed with an exact <c>Content-Length</c>. <paramref name="progress"/>
    /// receives the bytes sent so far by the current attempt. A broken upload starts again on a new node
    /// when <paramref name="content"/> can seek; otherwise the failure surfaces. Uploads never overwrite:
    /// a second file of the same name is a second file.
    /// </summary>
    public async Task<UploadedFile> UploadAsync(Stream content, long length, long folderId, string name, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, MaxFileSize);
        var encodedName = OneFichierNameCodec.Encode(RequireName(name));
        var start = content.CanSeek ? content.Position : 0;
        for (var attempt = 1; ; attempt++)
        {
            var server = await GetUploadServerAsync(cancellationToken).ConfigureAwait(false);
            var node = UploadNode(server);
            try
            {
                await PostUploadAsync(node, server.Id, folderId, encodedName, content, length, progress, cancellationToken).ConfigureAwait(false);
            }
            catch (OneFichierException e) when (e.Kind != OneFichierFailureKind.Permanent && content.CanSeek && attempt < _options.MaxUploadAttempts)
            {
                Log.UploadRetrying(_logger, attempt, e.ServiceMessage);
                content.Position = start;
                await Task.Delay(_options.RetryBaseDelay * attempt, _time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            return await FinishUploadAsync(node, server.Id, folderId, name, length, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The node's URL: the service gives a bare host, reached with the API's own scheme.</summary>
    private Uri UploadNode(UploadServer server)
    {
        if (string.IsNullOrEmpty(server.Url) || string.IsNullOrEmpty(server.Id) || !server.Id.All(char.IsAsciiLetterOrDigit)
            || !Uri.TryCreate($"{_options.ApiBaseUrl.Scheme}://{server.Url}/", UriKind.Absolute, out var node)
            || node.AbsolutePath != "/")
        {
            throw new OneFichierException("get_upload_server.cgi answered an unusable node", OneFichierFailureKind.Transient);
        }

        return node;
    }

    private Task<bool> PostUploadAsync(Uri node, string uploadId, long folderId, string encodedName, Stream content, long length, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var url = new Uri(node, "upload.cgi?id=" + Uri.EscapeDataString(uploadId));
        return ExecuteAsync(
            "upload.cgi",
            null,
            Timeout.InfiniteTimeSpan,
            replayable: false,
            paced: true,
            async token =>
            {
                using var body = new UploadMultipartContent(folderId, encodedName, content, length, progress);
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = body };
                Authorize(request);
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, token).ConfigureAwait(false);
                if (response.StatusCode is HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.MovedPermanently)
                {
                    return true;
                }

                ApiResponseReader.ThrowIfError(response.StatusCode, await response.Content.ReadAsByteArrayAsync(token).ConfigureAwait(false));
                return true;
            },
            cancellationToken);
    }

    /// <summary>
    /// Reads the upload's report from <c>end.pl</c>. It sometimes answers HTML or no link (rclone #4382,
    /// #7971, #5152): then it is asked again a few times, and finally the file is looked for in its folder
    /// by name and size (the newest match, since names may repeat).
    /// </summary>
    private async Task<UploadedFile> FinishUploadAsync(Uri node, string uploadId, long folderId, string name, long length, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= _options.UploadReportAttempts; attempt++)
        {
            var report = await GetUploadReportAsync(node, uploadId, cancellationToken).ConfigureAwait(false);
            if (report?.Links is [var link, ..])
            {
                return new UploadedFile(link.Download, OneFichierNameCodec.Decode(link.Filename ?? string.Empty), link.Size, link.Whirlpool);
            }

            Log.UploadReportUnusable(_logger, attempt, report is null ? "not JSON" : "no links");
            if (attempt < _options.UploadReportAttempts)
            {
                await Task.Delay(_options.UploadReportDelay, _time, cancellationToken).ConfigureAwait(false);
            }
        }

        Log.UploadLookup(_logger, folderId);
        for (var attempt = 1; attempt <= _options.UploadLookupAttempts; attempt++)
        {
            var listing = await ListFilesAsync(folderId, cancellationToken).ConfigureAwait(false);
            var match = listing.Items?.Where(f => f.Filename == name && f.Size == length).MaxBy(f => f.Date);
            if (match is not null)
            {
                return new UploadedFile(match.Url, match.Filename, match.Size, match.Checksum);
            }

            await Task.Delay(_options.UploadReportDelay, _time, cancellationToken).ConfigureAwait(false);
        }

        throw new OneFichierException(
            string.Create(CultureInfo.InvariantCulture, $"the upload ended but its report had no link and the file did not appear in folder {folderId}"),
            OneFichierFailureKind.Transient);
    }

    /// <summary><c>end.pl</c> with header <c>JSON: 1</c>; null when it answers something that is not JSON.</summary>
    private Task<UploadReport?> GetUploadReportAsync(Uri node, string uploadId, CancellationToken cancellationToken)
    {
        var url = new Uri(node, "end.pl?xid=" + Uri.EscapeDataString(uploadId));
        return ExecuteAsync(
            "end.pl",
            null,
            null,
            replayable: true,
            paced: true,
            async token =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.Add("JSON", "1");
                Authorize(request);
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, token).ConfigureAwait(false);
                var bytes = await response.Content.ReadAsByteArrayAsync(token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode && !ApiResponseReader.LooksLikeJson(bytes))
                {
                    return null;
                }

                return ApiResponseReader.Read(response.StatusCode, bytes, OneFichierJsonContext.Default.UploadReport);
            },
            cancellationToken);
    }
}
