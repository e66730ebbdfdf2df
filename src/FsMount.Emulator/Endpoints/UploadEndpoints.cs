using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using FsMount.Emulator.Admin;
using FsMount.Emulator.Faults;
using FsMount.Emulator.Hashing;
using FsMount.Emulator.Hosting;
using FsMount.Emulator.State;
using FsMount.Emulator.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace FsMount.Emulator.Endpoints;

/// <summary>
/// <c>/v1/upload/get_upload_server.cgi</c> and the upload node: <c>/upload.cgi</c> streams multipart file parts to
/// disk (hashing them with Whirlpool on the way) and <c>/end.pl</c> reports what was stored.
/// </summary>
internal sealed class UploadEndpoints
{
    private const int MaxFilesPerUpload = 500;
    private const string FilePartName = "file[]";

    private readonly EmulatorStore _store;
    private readonly NameRules _names;
    private readonly EmulatorOptions _options;
    private readonly PublicAddress _address;
    private readonly FaultPlan _faults;
    private readonly FaultedBodies _faultedBodies;
    private readonly EmulatorStats _stats;
    private readonly TimeProvider _time;
    private readonly ILogger<UploadEndpoints> _logger;

    public UploadEndpoints(
        EmulatorStore store,
        NameRules names,
        EmulatorOptions options,
        PublicAddress address,
        FaultPlan faults,
        FaultedBodies faultedBodies,
        EmulatorStats stats,
        TimeProvider time,
        ILogger<UploadEndpoints> logger)
    {
        _store = store;
        _names = names;
        _options = options;
        _address = address;
        _faults = faults;
        _faultedBodies = faultedBodies;
        _stats = stats;
        _time = time;
        _logger = logger;
    }

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapApi("/v1/upload/get_upload_server.cgi", GetUploadServer, HttpMethods.Get, HttpMethods.Post);
        routes.MapPost("/upload.cgi", UploadAsync).WithMetadata(new EndpointKindMetadata(EndpointKind.UploadNode));
        routes.MapGet("/end.pl", EndPageAsync).WithMetadata(new EndpointKindMetadata(EndpointKind.UploadNode));
    }

    private IResult GetUploadServer(RequestBody body) =>
        ApiResponse.Ok(new JsonObject { ["url"] = _address.UploadHost, ["id"] = RandomIds.UploadId() });

    private async Task UploadAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        string? uploadId = request.Query["id"];
        if (!RandomIds.IsUploadId(uploadId))
        {
            await PlainText.WriteAsync(context, StatusCodes.Status400BadRequest, "Invalid upload id");
            return;
        }

        if (request.ContentLength is not long length)
        {
            await PlainText.WriteAsync(context, StatusCodes.Status411LengthRequired, "Content-Length required");
            return;
        }

        if (length > _options.MaxUploadRequestSize)
        {
            await PlainText.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Upload too large");
            return;
        }

        if (_store.UsedBytes() + length > _options.StorageQuota)
        {
            await ApiResponse.Ko(ApiError.QuotaExceeded).ExecuteAsync(context);
            return;
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out MediaTypeHeaderValue? mediaType)
            || !string.Equals(mediaType.MediaType.Value, "multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 } boundary)
        {
            await PlainText.WriteAsync(context, StatusCodes.Status400BadRequest, "multipart/form-data expected");
            return;
        }

        if (_options.RejectQuotedBoundary && mediaType.Boundary.Value!.StartsWith('"'))
        {
            await PlainText.WriteAsync(context, StatusCodes.Status400BadRequest, "Malformed multipart body: quoted boundary");
            return;
        }

        context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize = null;
        ShapedReadStream body = _faultedBodies.Wrap(context, request.Body, length, _stats.AddUploaded);
        var received = new List<ReceivedFile>();
        try
        {
            long? did = await ReceiveAsync(new MultipartReader(boundary, body), received, context.RequestAborted);
            Store(uploadId!, did, received);
            context.Response.StatusCode = StatusCodes.Status302Found;
            context.Response.Headers.Location = "/end.pl?xid=" + uploadId;
        }
        catch (UploadTooLargeException exception)
        {
            await PlainText.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, exception.Message);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or InvalidDataException && context.RequestAborted.IsCancellationRequested)
        {
            // The client went away (or a reset fault cut it off): nothing of this upload becomes visible.
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException)
        {
            // The multipart reader's verdict on a body that ends early or breaks the format.
            await PlainText.WriteAsync(context, StatusCodes.Status400BadRequest, "Malformed multipart body");
        }
        finally
        {
            foreach (ReceivedFile file in received)
            {
                await file.Body.DisposeAsync();
            }
        }
    }

    /// <summary>Streams every <c>file[]</c> part into a temp body; returns the <c>did</c> field.</summary>
    private async Task<long?> ReceiveAsync(MultipartReader reader, List<ReceivedFile> received, CancellationToken cancellationToken)
    {
        long? did = null;
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            ContentDispositionHeaderValue? disposition = section.GetContentDispositionHeader();
            if (disposition is null)
            {
                continue;
            }

            if (!disposition.IsFileDisposition())
            {
                if (string.Equals(HeaderUtilities.RemoveQuotes(disposition.Name).Value, "did", StringComparison.Ordinal))
                {
                    string value = await ReadShortFieldAsync(section.Body, cancellationToken);
                    did = long.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long folderId) ? folderId : null;
                }

                continue;
            }

            if (!string.Equals(HeaderUtilities.RemoveQuotes(disposition.Name).Value, FilePartName, StringComparison.Ordinal))
            {
                continue;
            }

            if (received.Count == MaxFilesPerUpload)
            {
                throw new UploadTooLargeException("Too many files");
            }

            string name = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? string.Empty;
            TempBlob blob = _store.Blobs.CreateTemp();
            var file = new ReceivedFile(name, blob);
            received.Add(file);
            (file.Size, file.Checksum) = await HashingCopy.CopyAsync(section.Body, blob.Stream, _options.MaxFileSize, cancellationToken);
            await blob.CompleteAsync(cancellationToken);
        }

        return did;
    }

    // A form field is read up to a few bytes only (the reader skips the rest), so no part is ever buffered whole.
    private static async Task<string> ReadShortFieldAsync(Stream body, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[32];
        int length = 0;
        int read;
        while (length < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        return System.Text.Encoding.UTF8.GetString(buffer, 0, length);
    }

    // Empty files and refused names are dropped (not stored, absent from end.pl): the service's behaviour is
    // undocumented, and a dropped part is what a client would see as "no links".
    private void Store(string uploadId, long? did, List<ReceivedFile> received)
    {
        long folderId = did is long requested && _store.FindFolder(requested) is not null ? requested : EmulatorFolder.RootId;
        DateTimeOffset now = DateTimeOffset.FromUnixTimeMilliseconds(_time.GetUtcNow().ToUnixTimeMilliseconds());
        TimeSpan lag = _faults.Current.ListingLag;
        var stored = new List<(EmulatorFile File, TempBlob Body)>();
        foreach (ReceivedFile part in received)
        {
            string? refusal = part.Size == 0 ? "empty file" : !_names.IsValidFileName(part.Name) ? "invalid name" : null;
            if (refusal is not null)
            {
                Log.UploadPartDropped(_logger, uploadId, part.Name, refusal);
                continue;
            }

            string contentType = FileContentTypes.Of(part.Name);
            var file = new EmulatorFile(
                _store.NewFileId(), folderId, part.Name, part.Size, now, part.Checksum, contentType, part.Body.Name, now + lag, EmulatorFileAttributes.Default);
            stored.Add((file, part.Body));
        }

        _store.AddUploadedFiles(stored);
        var links = new JsonArray(stored.Select(pair => (JsonNode)new JsonObject
        {
            ["download"] = _address.FileUrl(pair.File.ShortId),
            ["filename"] = pair.File.Name,
            ["remove"] = string.Empty,
            ["size"] = pair.File.Size.ToString(CultureInfo.InvariantCulture),
            ["whirlpool"] = pair.File.Checksum,
        }).ToArray());
        _store.SaveUploadReport(uploadId, links.ToJsonString());
        Log.Uploaded(_logger, uploadId, stored.Count, folderId);
    }

    private async Task EndPageAsync(HttpContext context)
    {
        string? uploadId = context.Request.Query["xid"];
        string? linksJson = RandomIds.IsUploadId(uploadId) ? _store.FindUploadReport(uploadId!, _options.UploadReportRetention) : null;
        if (linksJson is null)
        {
            await ApiResponse.Ko(ApiError.NotFound).ExecuteAsync(context);
            return;
        }

        EmulatorFaults faults = _faults.Current;
        var links = _faults.Roll(faults.EndPageNoLinksRate) ? [] : JsonNode.Parse(linksJson)!.AsArray();
        string? jsonQuery = context.Request.Query["JSON"];
        bool wantsJson = string.Equals(context.Request.Headers["JSON"], "1", StringComparison.Ordinal) || jsonQuery is "1" or "2";
        if (wantsJson && !_faults.Roll(faults.EndPageHtmlRate))
        {
            var report = new JsonObject { ["incoming"] = 0, ["links"] = links };
            string json = report.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = jsonQuery == "2" });
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(json, context.RequestAborted);
            return;
        }

        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(ReportHtml(links), context.RequestAborted);
    }

    private static string ReportHtml(JsonArray links)
    {
        HtmlEncoder html = HtmlEncoder.Default;
        IEnumerable<string> rows = links.Select(link => string.Create(
            CultureInfo.InvariantCulture,
            $"<tr><td>{html.Encode((string)link!["filename"]!)}</td><td><a href=\"{html.Encode((string)link["download"]!)}\">{html.Encode((string)link["download"]!)}</a></td><td>{html.Encode((string)link["size"]!)}</td></tr>"));
        return $"<!DOCTYPE html><html><head><title>Upload report</title></head><body><table><tr><th>File</th><th>Link</th><th>Size</th></tr>{string.Concat(rows)}</table></body></html>";
    }
}
