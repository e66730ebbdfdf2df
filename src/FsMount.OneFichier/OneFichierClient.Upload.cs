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
    /// under <paramref name="name"/> (<see cref="UploadToAsync"/> on a new node). <paramref name="progress"/>
    /// receives the bytes sent so far by the current attempt. An upload that certainly did not land starts again on
    /// a new node when <paramref name="content"/> can seek; one that may have landed is never sent again (its report
    /// is asked first). Uploads never overwrite: a second file of the same name is a second file.
    /// </summary>
    public async Task<UploadedFile> UploadAsync(Stream content, long length, long folderId, string name, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var start = content.CanSeek ? content.Position : 0;
        for (var attempt = 1; ; attempt++)
        {
            var issued = _time.GetUtcNow();
            var server = await GetUploadServerAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await UploadToAsync(server, issued, content, length, folderId, name, progress, cancellationToken).ConfigureAwait(false);
            }
            catch (OneFichierException e) when (e.Kind != OneFichierFailureKind.Permanent && !e.MayHaveTakenEffect && content.CanSeek && attempt < _options.MaxUploadAttempts)
            {
                Log.UploadRetrying(_logger, attempt, e.ServiceMessage);
                content.Position = start;
                await Task.Delay(_options.RetryBaseDelay * attempt, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Sends one upload under <paramref name="server"/>'s id (issued at <paramref name="issued"/>), streamed with an
    /// exact <c>Content-Length</c>, and returns the file it made. When the post fails in a way after which the file
    /// may have landed (the node's answer was lost), the id's report decides: the file is returned if it landed; if
    /// it certainly did not, the failure surfaces with <see cref="OneFichierException.MayHaveTakenEffect"/> false, so
    /// a new id may be tried; when the report cannot be read either, that failure surfaces and the upload may have
    /// landed (<see cref="FindUploadAsync"/> tells later).
    /// </summary>
    public async Task<UploadedFile> UploadToAsync(
        UploadServer server,
        DateTimeOffset issued,
        Stream content,
        long length,
        long folderId,
        string name,
        IProgress<long>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, MaxFileSize);
        var encodedName = OneFichierNameCodec.Encode(RequireName(name));
        var node = UploadNode(server);
        try
        {
            await PostUploadAsync(node, server.Id, folderId, encodedName, content, length, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (OneFichierException e) when (e.MayHaveTakenEffect)
        {
            Log.UploadOutcomeUnknown(_logger, e.ServiceMessage);
            return await LocateUploadAsync(node, server.Id, issued, folderId, name, length, posted: false, cancellationToken).ConfigureAwait(false)
                ?? throw new OneFichierException($"{e.ServiceMessage}; its report shows the upload did not land", e.Kind, e.HttpStatus, e, mayHaveTakenEffect: false);
        }

        // Posted: the lookup finds the file or throws, never answers "did not land".
        return (await LocateUploadAsync(node, server.Id, issued, folderId, name, length, posted: true, cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>
    /// The file an upload under <paramref name="server"/>'s id made, or null when it certainly did not land: its
    /// <c>end.pl</c> has no report while reports are still kept (<see cref="OneFichierOptions.UploadReportRetention"/>
    /// after <paramref name="issued"/>), or, once they are not, <paramref name="folderId"/> lists no file of that
    /// name and size dated since <paramref name="issued"/>. Throws when it cannot tell (the node or the API cannot
    /// be reached, or the report exists but names no file and the listing does not show it yet).
    /// </summary>
    public Task<UploadedFile?> FindUploadAsync(UploadServer server, DateTimeOffset issued, long folderId, string name, long length, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        return LocateUploadAsync(UploadNode(server), server.Id, issued, folderId, RequireName(name), length, posted: false, cancellationToken);
    }

    /// <summary>The node's URL: the service gives a bare host, reached with the API's own scheme.</summary>
    private Uri UploadNode(UploadServer server)
    {
        if (string.IsNullOrEmpty(server.Url) || string.IsNullOrEmpty(server.Id) || !server.Id.All(char.IsAsciiLetterOrDigit)
            || !Uri.TryCreate($"{_options.ApiBaseUrl.Scheme}://{server.Url}/", UriKind.Absolute, out var node)
            || node.AbsolutePath != "/")
        {
            throw new OneFichierException("get_upload_server.cgi answered an unusable node", OneFichierFailureKind.Transient, mayHaveTakenEffect: false);
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
    /// Finds the file an upload under one id made. Its <c>end.pl</c> report first: it sometimes answers HTML or no
    /// link (rclone #4382, #7971, #5152), so it is asked a few times. Then the folder's listing, for a file of that
    /// name and size dated since the id was issued (newly stored files may take a while to be listed). Null only when
    /// it certainly did not land (see <see cref="FindUploadAsync"/>); <paramref name="posted"/> says the node took
    /// the body, so it did land.
    /// </summary>
    private async Task<UploadedFile?> LocateUploadAsync(Uri node, string uploadId, DateTimeOffset issued, long folderId, string name, long length, bool posted, CancellationToken cancellationToken)
    {
        // The report is kept for a while after the upload, which came after the id was issued.
        var reportsKept = _time.GetUtcNow() - issued < _options.UploadReportRetention;
        for (var attempt = 1; attempt <= _options.UploadReportAttempts; attempt++)
        {
            UploadReport? report;
            try
            {
                report = await GetUploadReportAsync(node, uploadId, cancellationToken).ConfigureAwait(false);
            }
            catch (OneFichierException e) when (e.ErrorCode == OneFichierErrorCodes.ResourceNotFound && !posted)
            {
                if (reportsKept)
                {
                    return null;
                }

                break;
            }
            catch (OneFichierException e) when (e.ErrorCode == OneFichierErrorCodes.ResourceNotFound)
            {
                report = null;
            }

            if (report?.Links is [var link, ..])
            {
                return new UploadedFile(link.Download, OneFichierNameCodec.Decode(link.Filename ?? string.Empty), link.Size, link.Whirlpool, _time.GetUtcNow());
            }

            Log.UploadReportUnusable(_logger, attempt, report is null ? "not JSON or missing" : "no links");
            if (attempt < _options.UploadReportAttempts)
            {
                await Task.Delay(_options.UploadReportDelay, _time, cancellationToken).ConfigureAwait(false);
            }
        }

        Log.UploadLookup(_logger, folderId);

        // Long after an upload that may not have happened, one listing is the whole truth: nothing is still on its way into it.
        var settled = !reportsKept && !posted;
        var found = await FindNewFileAsync(folderId, name, length, issued, null, settled ? 1 : _options.UploadLookupAttempts, cancellationToken).ConfigureAwait(false);
        if (found is not null)
        {
            return new UploadedFile(found.Url, found.Filename, found.Size, found.Checksum, found.Date);
        }

        if (settled)
        {
            return null;
        }

        throw new OneFichierException(
            string.Create(CultureInfo.InvariantCulture, $"the upload's report gave no file and folder {folderId} does not list it (yet)"),
            OneFichierFailureKind.Transient,
            mayHaveTakenEffect: true);
    }

    /// <summary><c>end.pl</c> with header <c>JSON: 1</c>; null when it answers something that is not JSON.</summary>
    private Task<UploadReport?> GetUploadReportAsync(Uri node, string uploadId, CancellationToken cancellationToken)
    {
        var url = new Uri(node, "end.pl?xid=" + Uri.EscapeDataString(uploadId));
        return ExecuteAsync(
            "end.pl",
            null,
            null,
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
