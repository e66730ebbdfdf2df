using System.Net;
using System.Text.Json;
using FsMount.Emulator.Tests.TestSupport;
using FsMount.Testing;
using Org.BouncyCastle.Crypto.Digests;

namespace FsMount.Emulator.Tests.Endpoints;

/// <summary>
/// Remote upload (<c>remote/request.cgi</c>, <c>ls.cgi</c>, <c>info.cgi</c>) against a file server the test runs
/// on loopback; the emulator refuses any other address, so it can never be made to fetch from the network.
/// </summary>
public sealed class RemoteEndpointsTests
{
    [Fact]
    public async Task A_loopback_url_is_fetched_into_the_folder_with_the_services_checksum()
    {
        byte[] content = new byte[150_000];
        Random.Shared.NextBytes(content);
        await using LoopbackFileServer source = LoopbackFileServer.Start(new Dictionary<string, byte[]> { ["/media/clip%20one.mp4"] = content });
        await using TestEmulator emulator = await TestEmulator.StartAsync();
        long folderId = await emulator.Api.MkdirAsync("fetched");

        ApiAnswer requested = await emulator.Api.PostAsync("remote/request.cgi", new { urls = new[] { source.UrlOf("/media/clip%20one.mp4").AbsoluteUri }, folder_id = folderId });
        requested.AssertOk();
        long id = requested["id"].GetInt64();

        JsonElement result = await WaitForResultAsync(emulator, id);
        Assert.Equal("OK", result.GetProperty("status").GetString());
        string link = result.GetProperty("download_link").GetString()!;
        ApiAnswer info = await emulator.Api.PostAsync("file/info.cgi", new { url = link });
        Assert.Equal("clip one.mp4", info["filename"].GetString());
        Assert.Equal(folderId, info["folder_id"].GetInt64());
        Assert.Equal(content.Length, info["size"].GetInt64());
        Assert.Equal("video/mp4", info["content-type"].GetString());
        Assert.Equal(Whirlpool(content), info["checksum"].GetString());
        Assert.Equal(content, await emulator.Api.DownloadAsync(link));

        JsonElement job = Assert.Single((await emulator.Api.PostAsync("remote/ls.cgi"))["data"].EnumerateArray());
        Assert.Equal(id, job.GetProperty("id").GetInt64());
        Assert.DoesNotContain("1970-01-01", job.GetProperty("execution_date").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://192.0.2.1/file.bin")]
    [InlineData("http://example.com/file.bin")]
    [InlineData("http://localhost.example.com/file.bin")]
    [InlineData("ftp://127.0.0.1/file.bin")]
    [InlineData("file:///etc/passwd")]
    public async Task Any_url_that_is_not_loopback_is_refused_and_nothing_is_requested(string url)
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();
        await using LoopbackFileServer source = LoopbackFileServer.Start(new Dictionary<string, byte[]>());

        ApiAnswer refused = await emulator.Api.PostAsync("remote/request.cgi", new { urls = new[] { source.UrlOf("/a").AbsoluteUri, url } });

        refused.AssertKo(HttpStatusCode.Forbidden, 546);
        Assert.Empty((await emulator.Api.PostAsync("remote/ls.cgi"))["data"].EnumerateArray());
        Assert.Equal(0, source.Requests);
    }

    [Fact]
    public async Task A_url_that_fails_is_reported_ko_and_an_unknown_request_is_not_found()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();
        await using LoopbackFileServer source = LoopbackFileServer.Start(new Dictionary<string, byte[]>());

        ApiAnswer requested = await emulator.Api.PostAsync("remote/request.cgi", new { urls = new[] { source.UrlOf("/missing.bin").AbsoluteUri } });
        JsonElement result = await WaitForResultAsync(emulator, requested["id"].GetInt64());

        Assert.Equal(("KO", "HTTP 404"), (result.GetProperty("status").GetString(), result.GetProperty("message").GetString()));
        Assert.Equal(JsonValueKind.Null, result.GetProperty("download_link").ValueKind);
        Assert.Equal(0, await emulator.Api.CountFilesAsync(0));
        (await emulator.Api.PostAsync("remote/info.cgi", new { id = 999 })).AssertKo(HttpStatusCode.NotFound, 469);
    }

    private static async Task<JsonElement> WaitForResultAsync(TestEmulator emulator, long id)
    {
        JsonElement results = default;
        await Eventually.TrueAsync(
            async () =>
            {
                results = (await emulator.Api.PostAsync("remote/info.cgi", new { id }))["result"];
                return results.GetArrayLength() > 0;
            },
            $"remote upload {id} is done");
        return Assert.Single(results.EnumerateArray());
    }

    private static string Whirlpool(byte[] content)
    {
        var digest = new WhirlpoolDigest();
        digest.BlockUpdate(content, 0, content.Length);
        byte[] hash = new byte[digest.GetDigestSize()];
        digest.DoFinal(hash, 0);
        return Convert.ToHexStringLower(hash);
    }
}
