using System.Globalization;
using System.Net;
using FsMount.Core.Remote;
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
    /// The most bytes of files one upload request may carry: the service takes 500 GB per request, and the rest is
    /// left for the multipart framing (a few hundred bytes per file).
    /// </summary>
    public const long MaxUploadSize = 499_000_000_000;

    /// <summary>The most files one upload request may carry (the service's limit).</summary>
    public const int MaxFilesPerRequest = 500;

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
    /// under <paramref name="name"/> (<see cref="UploadToAsync"/> of one file on a new node). <paramref name="progress"/>
    /// receives the bytes sent so far by the current attempt. An upload that certainly did not land starts again on
    /// a new node when <paramref name="content"/> can seek; one that may have landed is never sent again (its report
    /// is asked first). Uploads never overwrite: a second file of the same name is a second file.
    /// </summary>
    public async Task<UploadedFile> UploadAsync(Stream content, long length, long folderId, string name, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var start = content.CanSeek ? content.Position : 0;
        UploadItem[] items =
        [
            new(name, length, () =>
            {
                // Each send of the body starts where the caller's stream did, a send on a new node included.
                if (content.CanSeek)
                {
                    content.Position = start;
                }

                return new BorrowedStream(content);
            }),
        ];
        for (var attempt = 1; ; attempt++)
        {
            var issued = _time.GetUtcNow();
            var server = await GetUploadServerAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var uploaded = await UploadToAsync(server, issued, folderId, items, progress, cancellationToken).ConfigureAwait(false);

                // A usable report that does not name the one file sent shows a file this client cannot recognise.
                return uploaded[0] ?? throw new OneFichierException(
                    "the upload's report does not name the file sent",
                    OneFichierFailureKind.Permanent,
                    mayHaveTakenEffect: true);
            }
            catch (OneFichierException e) when (e.Kind != OneFichierFailureKind.Permanent && !e.MayHaveTakenEffect && content.CanSeek && attempt < _options.MaxUploadAttempts)
            {
                Log.UploadRetrying(_logger, attempt, e.ServiceMessage);
                await Task.Delay(_options.RetryBaseDelay * attempt, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Sends one upload of <paramref name="items"/> (one <c>file[]</c> part each, streamed in order with an exact
    /// <c>Content-Length</c>) under <paramref name="server"/>'s id, issued at <paramref name="issued"/>, and returns
    /// one entry per item, in order: the file it made, or null when the service's report does not name it (the
    /// service drops a part whose name it refuses). When the post fails in a way after which the files may have
    /// landed (the node's answer was lost), the id's report decides: the files are returned if it has them; if the
    /// upload certainly did not land, the failure surfaces with <see cref="OneFichierException.MayHaveTakenEffect"/>
    /// false, so a new id may be tried; when the report cannot be read either, that failure surfaces and the upload
    /// may have landed (<see cref="FindUploadAsync"/> tells later).
    /// </summary>
    /// <param name="items">
    /// 1 to <see cref="OneFichierOptions.MaxFilesPerUpload"/> files, each named, of 1 to <see cref="MaxFileSize"/>
    /// bytes, together at most <see cref="MaxUploadSize"/>, with its content; each content is opened when its part is
    /// sent and disposed right after.
    /// </param>
    /// <param name="progress">Receives the bytes of content sent so far by the request, across all the items.</param>
    public async Task<IReadOnlyList<UploadedFile?>> UploadToAsync(
        UploadServer server,
        DateTimeOffset issued,
        long folderId,
        IReadOnlyList<UploadItem> items,
        IProgress<long>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        RequireUploadItems(items);
        var node = UploadNode(server);
        var parts = items.Select(item => item with { Name = OneFichierNameCodec.Encode(item.Name) }).ToList();
        try
        {
            await PostUploadAsync(node, server.Id, folderId, parts, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (OneFichierException e) when (e.MayHaveTakenEffect)
        {
            Log.UploadOutcomeUnknown(_logger, e.ServiceMessage);
            return await LocateUploadAsync(node, server.Id, issued, folderId, items, posted: false, cancellationToken).ConfigureAwait(false)
                ?? throw new OneFichierException($"{e.ServiceMessage}; its report shows the upload did not land", e.Kind, e.HttpStatus, e, mayHaveTakenEffect: false);
        }

        // Posted: the lookup finds the files or throws, never answers "did not land".
        return (await LocateUploadAsync(node, server.Id, issued, folderId, items, posted: true, cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>
    /// What an upload under <paramref name="server"/>'s id made of <paramref name="items"/> (any of the upload's
    /// files; their contents are not read): one entry per item, in order, null when it certainly did not land. Its
    /// <c>end.pl</c> report decides while reports are kept (<see cref="OneFichierOptions.UploadReportRetention"/>
    /// after <paramref name="issued"/>): no report, nothing landed; a report, what it names landed. Once they are not,
    /// <paramref name="folderId"/>'s listing decides: a file of the item's name and size dated since
    /// <paramref name="issued"/>. Throws when it cannot tell (the node or the API cannot be reached, or the report
    /// names no file and the listing does not show them all yet).
    /// </summary>
    public async Task<IReadOnlyList<UploadedFile?>> FindUploadAsync(
        UploadServer server,
        DateTimeOffset issued,
        long folderId,
        IReadOnlyList<UploadItem> items,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        RequireItems(items);
        return await LocateUploadAsync(UploadNode(server), server.Id, issued, folderId, items, posted: false, cancellationToken).ConfigureAwait(false)
            ?? new UploadedFile?[items.Count];
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

    private Task<bool> PostUploadAsync(Uri node, string uploadId, long folderId, IReadOnlyList<UploadItem> parts, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var url = new Uri(node, "upload.cgi?id=" + Uri.EscapeDataString(uploadId));
        return ExecuteAsync(
            "upload.cgi",
            null,
            Timeout.InfiniteTimeSpan,
            paced: true,
            async token =>
            {
                using var body = new UploadMultipartContent(folderId, parts, progress);
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
    /// Finds what an upload under one id made of <paramref name="items"/>. Its <c>end.pl</c> report first: it
    /// sometimes answers HTML or no link (rclone #4382, #7971, #5152), so it is asked a few times; once it names
    /// files, an item it does not name was not kept. Then the folder's listing, for a file of each item's name and
    /// size dated since the id was issued (newly stored files may take a while to be listed). Null only when nothing
    /// of it certainly landed (see <see cref="FindUploadAsync"/>); <paramref name="posted"/> says the node took the
    /// body, so it did land.
    /// </summary>
    private async Task<IReadOnlyList<UploadedFile?>?> LocateUploadAsync(
        Uri node,
        string uploadId,
        DateTimeOffset issued,
        long folderId,
        IReadOnlyList<UploadItem> items,
        bool posted,
        CancellationToken cancellationToken)
    {
        // The report is kept for a while after the upload, which came after the id was issued.
        var reportsKept = _time.GetUtcNow() - issued < _options.UploadReportRetention;
        var wanted = items.Select(item => (item.Name, item.Length)).ToList();
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

            if (report?.Links is { Count: > 0 } links)
            {
                return FilesOfReport(links, wanted);
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
        var found = await FindNewFilesAsync(folderId, wanted, issued, null, settled ? 1 : _options.UploadLookupAttempts, cancellationToken).ConfigureAwait(false);
        if (found.All(f => f is not null) || settled)
        {
            return found.Any(f => f is not null)
                ? found.Select(f => f is null ? null : new UploadedFile(f.Url, f.Filename, f.Size, f.Checksum, f.Date)).ToList()
                : null;
        }

        throw new OneFichierException(
            string.Create(CultureInfo.InvariantCulture, $"the upload's report gave no file and folder {folderId} does not list all of them (yet)"),
            OneFichierFailureKind.Transient,
            mayHaveTakenEffect: true);
    }

    /// <summary>The files a usable report names, matched to the items by decoded name and size.</summary>
    private List<UploadedFile?> FilesOfReport(IReadOnlyList<UploadReportLink> links, IReadOnlyList<(string Name, long Size)> wanted)
    {
        var read = _time.GetUtcNow();
        var names = links.Select(link => OneFichierNameCodec.Decode(link.Filename ?? string.Empty)).ToList();
        var matches = UploadMatcher.Match(wanted, names.Select((name, i) => (name, links[i].Size)).ToList());
        return matches
            .Select(j => j < 0 ? null : new UploadedFile(links[j].Download, names[j], links[j].Size, links[j].Whirlpool, read))
            .ToList();
    }

    private void RequireUploadItems(IReadOnlyList<UploadItem> items)
    {
        RequireItems(items);
        if (items.Count > _options.MaxFilesPerUpload)
        {
            throw new ArgumentException($"An upload takes at most {_options.MaxFilesPerUpload} files (MaxFilesPerUpload); {items.Count} were given.", nameof(items));
        }

        if (items.Any(item => item.OpenContent is null))
        {
            throw new ArgumentException("Every file of an upload needs its content.", nameof(items));
        }

        if (items.Sum(item => item.Length) > MaxUploadSize)
        {
            throw new ArgumentException($"An upload takes at most {MaxUploadSize} bytes of files.", nameof(items));
        }
    }

    private static void RequireItems(IReadOnlyList<UploadItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            throw new ArgumentException("At least one file is needed.", nameof(items));
        }

        // The service cannot store an empty file (the core sends a placeholder byte for one) nor a nameless one.
        if (items.Any(item => item is null || string.IsNullOrEmpty(item.Name) || item.Length is < 1 or > MaxFileSize))
        {
            throw new ArgumentException($"Every file needs a name and 1 to {MaxFileSize} bytes.", nameof(items));
        }
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
