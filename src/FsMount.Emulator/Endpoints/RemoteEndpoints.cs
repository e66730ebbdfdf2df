using System.Text.Json.Nodes;
using FsMount.Emulator.Hosting;
using FsMount.Emulator.Remote;
using FsMount.Emulator.State;
using FsMount.Emulator.Wire;
using Microsoft.AspNetCore.Routing;

namespace FsMount.Emulator.Endpoints;

/// <summary>
/// <c>/v1/remote/*</c>, remote upload: <c>request.cgi</c> (<c>urls</c>, <c>folder_id</c>, optional
/// <c>headers</c> as <c>"Name: value"</c> strings) answers <c>{"id": N}</c> and fetches in the background;
/// <c>ls.cgi</c> lists the requests in <c>data</c>, each with its <c>date</c> and an <c>execution_date</c> that
/// stays at the epoch (<c>1970-01-01 01:00:00</c>, Paris) until every URL was tried, as clients of the service
/// read it; <c>info.cgi</c> (<c>id</c>) gives in <c>result</c> one entry per URL once done (<c>url</c>,
/// <c>status</c> OK or KO, <c>message</c>, <c>download_link</c> of the stored file), empty before.
/// Only loopback URLs are fetched; a request naming any other is refused whole (#546).
/// </summary>
internal sealed class RemoteEndpoints(RemoteUploads uploads, EmulatorStore store, PublicAddress address)
{
    private const int MaxUrlsPerRequest = 100;
    private static readonly string s_notExecuted = ParisTime.Format(DateTimeOffset.UnixEpoch);

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapApi("/v1/remote/request.cgi", Request);
        routes.MapApi("/v1/remote/ls.cgi", List);
        routes.MapApi("/v1/remote/info.cgi", Info);
    }

    private IResult Request(RequestBody body)
    {
        IReadOnlyList<string> texts = body.GetUrlList("urls");
        if (texts.Count is 0 or > MaxUrlsPerRequest)
        {
            throw new ApiException($"'urls' must hold 1 to {MaxUrlsPerRequest} URLs");
        }

        var urls = new List<Uri>(texts.Count);
        foreach (string text in texts)
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? url) || !LoopbackFetcher.IsAllowed(url))
            {
                return ApiResponse.Ko(ApiError.RemoteUrlRefused);
            }

            urls.Add(url);
        }

        long folderId = body.GetInt64("folder_id") ?? EmulatorFolder.RootId;
        if (store.FindFolder(folderId) is null)
        {
            throw new ApiException(ApiError.NotFound);
        }

        RemoteUploadJob job = uploads.Request(folderId, urls, HeadersOf(body));
        return ApiResponse.Ok(new JsonObject { ["status"] = "OK", ["id"] = job.Id });
    }

    private IResult List(RequestBody body) => ApiResponse.Ok(new JsonObject
    {
        ["status"] = "OK",
        ["data"] = new JsonArray(uploads.List().Select(job => (JsonNode)new JsonObject
        {
            ["id"] = job.Id,
            ["date"] = ParisTime.Format(job.Requested),
            ["execution_date"] = job.Executed is { } executed ? ParisTime.Format(executed) : s_notExecuted,
            ["nb_urls"] = job.Urls.Count,
            ["folder_id"] = job.FolderId,
        }).ToArray()),
    });

    private IResult Info(RequestBody body)
    {
        long id = body.GetInt64("id") ?? throw new ApiException("'id' is required");
        RemoteUploadJob job = uploads.Find(id) ?? throw new ApiException(ApiError.NotFound);
        return ApiResponse.Ok(new JsonObject
        {
            ["status"] = "OK",
            ["result"] = new JsonArray(job.Results.Select(result => (JsonNode)new JsonObject
            {
                ["url"] = result.Url.OriginalString,
                ["status"] = result.Succeeded ? "OK" : "KO",
                ["message"] = result.Message,
                ["download_link"] = result.FileShortId is { } shortId ? address.FileUrl(shortId) : null,
            }).ToArray()),
        });
    }

    // "Name: value" strings, as a browser's request lines; anything else is refused.
    private static List<KeyValuePair<string, string>> HeadersOf(RequestBody body) =>
        body.GetStringList("headers")
            .Select(line => line.Split(':', 2) is [var name, var value] && name.Trim().Length > 0
                ? new KeyValuePair<string, string>(name.Trim(), value.Trim())
                : throw new ApiException("'headers' must hold \"Name: value\" strings"))
            .ToList();
}
