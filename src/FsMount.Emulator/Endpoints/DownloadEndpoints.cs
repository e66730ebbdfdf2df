using System.Text.Json.Nodes;
using FsMount.Emulator.Admin;
using FsMount.Emulator.Faults;
using FsMount.Emulator.Hosting;
using FsMount.Emulator.State;
using FsMount.Emulator.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace FsMount.Emulator.Endpoints;

/// <summary><c>/v1/download/get_token.cgi</c> and the download host that serves token URLs with HTTP ranges.</summary>
internal sealed class DownloadEndpoints
{
    private readonly EmulatorStore _store;
    private readonly DownloadTokens _tokens;
    private readonly PublicAddress _address;
    private readonly FaultedBodies _faultedBodies;
    private readonly EmulatorStats _stats;

    public DownloadEndpoints(EmulatorStore store, DownloadTokens tokens, PublicAddress address, FaultedBodies faultedBodies, EmulatorStats stats)
    {
        _store = store;
        _tokens = tokens;
        _address = address;
        _faultedBodies = faultedBodies;
        _stats = stats;
    }

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapApi("/v1/download/get_token.cgi", GetToken);
        routes.MapMethods("/{token:length(32)}", [HttpMethods.Get, HttpMethods.Head], ServeAsync)
            .WithMetadata(new EndpointKindMetadata(EndpointKind.Download));
    }

    private IResult GetToken(RequestBody body)
    {
        EmulatorFile file = _store.FindFile(FileJson.RequireFileId(body.RequireString("url"))) ?? throw new ApiException(ApiError.NotFound);
        if (file.Attributes.HasPassword && !string.Equals(body.GetString("pass"), file.Attributes.Password, StringComparison.Ordinal))
        {
            return ApiResponse.Ko(body.Has("pass") ? ApiError.NotAllowed with { Text = "Invalid password. Resource not allowed" } : ApiError.NotAllowed with { Text = "Password not provided. Resource not allowed" });
        }

        string token = _tokens.Issue(file.ShortId, body.GetFlag("single"));
        return ApiResponse.Ok(new JsonObject { ["status"] = "OK", ["url"] = _address.DownloadUrl(token) });
    }

    // An unknown, expired or used token answers 404 with a short text (the service's answer is undocumented).
    private async Task ServeAsync(HttpContext context, string token)
    {
        EmulatorFile? file = _tokens.Use(token) is { } fileId ? _store.FindFile(fileId) : null;
        FileStream? body = file is null ? null : OpenBody(file);
        if (file is null || body is null)
        {
            await PlainText.WriteAsync(context, StatusCodes.Status404NotFound, "Invalid or expired download token");
            return;
        }

        ShapedReadStream shaped = _faultedBodies.Wrap(context, body, ServedLength(context.Request, file.Size), _stats.AddDownloaded, canStall: true);
        try
        {
            await Results.Stream(shaped, file.ContentType, file.Name, file.Uploaded, enableRangeProcessing: true).ExecuteAsync(context);
        }
        finally
        {
            // The client went away before the body ended (a reader that seeks, or that is interrupted).
            if (context.RequestAborted.IsCancellationRequested)
            {
                _stats.AddAbortedDownload();
            }
        }
    }

    private FileStream? OpenBody(EmulatorFile file)
    {
        try
        {
            return _store.Blobs.OpenRead(file.BlobName);
        }
        catch (FileNotFoundException)
        {
            // Deleted between the lookup and the open.
            return null;
        }
    }

    private static long ServedLength(HttpRequest request, long size)
    {
        RangeHeaderValue? range = request.GetTypedHeaders().Range;
        if (range is not { Ranges.Count: 1 })
        {
            return size;
        }

        RangeItemHeaderValue item = range.Ranges.First();
        long from = item.From ?? Math.Max(0, size - (item.To ?? 0));
        long to = item.From is null ? size - 1 : Math.Min(item.To ?? (size - 1), size - 1);
        return Math.Max(0, to - from + 1);
    }
}
