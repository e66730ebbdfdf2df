using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace FsMount.Emulator.Tests.TestSupport;

/// <summary>A plain HTTP client of the emulator, written from the API document (not from the emulator's code).</summary>
internal sealed class ApiClient : IDisposable
{
    private readonly HttpClient _http;

    public ApiClient(Uri baseUrl, string? apiKey)
    {
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
        if (apiKey is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
    }

    public HttpClient Http => _http;

    public async Task<ApiAnswer> PostAsync(string endpoint, object? body = null)
    {
        using HttpResponseMessage response = await _http.PostAsync(new Uri("v1/" + endpoint, UriKind.Relative), JsonContent.Create(body ?? new { }));
        return await ReadAnswerAsync(response);
    }

    public static async Task<ApiAnswer> ReadAnswerAsync(HttpResponseMessage response)
    {
        string text = await response.Content.ReadAsStringAsync();
        return new ApiAnswer(response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    public async Task<long> MkdirAsync(string name, long parent = 0)
    {
        ApiAnswer answer = await PostAsync("folder/mkdir.cgi", new { name, folder_id = parent });
        answer.AssertOk();
        return answer["folder_id"].GetInt64();
    }

    /// <summary>The <c>count</c> of <c>file/ls.cgi</c>: the files a listing of the folder shows.</summary>
    public async Task<int> CountFilesAsync(long folderId)
    {
        ApiAnswer answer = await PostAsync("file/ls.cgi", new { folder_id = folderId });
        answer.AssertOk();
        return answer["count"].GetInt32();
    }

    public async Task<ApiAnswer> ListFolderAsync(long folderId, bool files = true) =>
        await PostAsync("folder/ls.cgi", new { folder_id = folderId, files = files ? 1 : 0 });

    /// <summary>get_upload_server, then upload.cgi with the given parts; returns the upload id and the response.</summary>
    public async Task<(string UploadId, HttpResponseMessage Response)> SendUploadAsync(string? did, params (string Name, byte[] Content)[] files)
    {
        using HttpResponseMessage server = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "v1/upload/get_upload_server.cgi")
        {
            Content = JsonContent.Create(new { }),
        });
        ApiAnswer node = await ReadAnswerAsync(server);
        string uploadId = node["id"].GetString()!;
        string host = node["url"].GetString()!;
        var form = new MultipartFormDataContent();
        if (did is not null)
        {
            form.Add(new StringContent(did), "did");
        }

        foreach ((string name, byte[] content) in files)
        {
            form.Add(new ByteArrayContent(content), "file[]", name);
        }

        UnquoteBoundary(form);

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"http://{host}/upload.cgi?id={uploadId}")) { Content = form };
        HttpResponseMessage response = await _http.SendAsync(request);
        return (uploadId, response);
    }

    /// <summary>Uploads files as rclone does and returns the end.pl links.</summary>
    public async Task<IReadOnlyList<UploadedFile>> UploadAsync(long? folderId, params (string Name, byte[] Content)[] files) =>
        await EndPageAsync(await UploadForIdAsync(folderId, files));

    /// <summary>Uploads files and returns the upload id, for the tests of <c>end.pl</c> itself.</summary>
    public async Task<string> UploadForIdAsync(long? folderId, params (string Name, byte[] Content)[] files)
    {
        (string uploadId, HttpResponseMessage response) = await SendUploadAsync(folderId?.ToString(System.Globalization.CultureInfo.InvariantCulture), files);
        using (response)
        {
            Assert.Equal(HttpStatusCode.Found, response.StatusCode);
            Assert.Equal("/end.pl?xid=" + uploadId, response.Headers.Location?.OriginalString);
        }

        return uploadId;
    }

    public async Task<UploadedFile> UploadOneAsync(long folderId, string name, byte[] content) => (await UploadAsync(folderId, (name, content))).Single();

    public async Task<IReadOnlyList<UploadedFile>> EndPageAsync(string uploadId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"end.pl?xid={uploadId}");
        request.Headers.Add("JSON", "1");
        using HttpResponseMessage response = await _http.SendAsync(request);
        ApiAnswer report = await ReadAnswerAsync(response);
        Assert.Equal(0, report["incoming"].GetInt32());
        return report["links"].EnumerateArray()
            .Select(link => new UploadedFile(
                link.GetProperty("download").GetString()!,
                link.GetProperty("filename").GetString()!,
                link.GetProperty("size").GetString()!,
                link.GetProperty("whirlpool").GetString()!))
            .ToList();
    }

    public async Task<string> GetTokenUrlAsync(string fileUrl, int single = 0)
    {
        ApiAnswer answer = await PostAsync("download/get_token.cgi", new { url = fileUrl, single });
        answer.AssertOk();
        return answer["url"].GetString()!;
    }

    public async Task<byte[]> DownloadAsync(string fileUrl)
    {
        string tokenUrl = await GetTokenUrlAsync(fileUrl);
        return await _http.GetByteArrayAsync(new Uri(tokenUrl));
    }

    public async Task<JsonElement> AdminAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, "__emulator/" + path) { Content = body is null ? null : JsonContent.Create(body) };
        using HttpResponseMessage response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>HttpClient quotes the boundary; the service wants it bare.</summary>
    public static void UnquoteBoundary(MultipartFormDataContent form)
    {
        System.Net.Http.Headers.NameValueHeaderValue boundary = form.Headers.ContentType!.Parameters.Single(parameter => parameter.Name == "boundary");
        boundary.Value = boundary.Value!.Trim('"');
    }

    public void Dispose() => _http.Dispose();
}
