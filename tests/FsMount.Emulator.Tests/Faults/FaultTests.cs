using System.Diagnostics;
using System.Net;
using System.Text.Json;
using FsMount.Emulator.Tests.TestSupport;
using FsMount.Testing;
using Microsoft.Extensions.Time.Testing;

namespace FsMount.Emulator.Tests.Faults;

public sealed class FaultTests
{
    private static readonly byte[] s_content = Enumerable.Range(0, 200_000).Select(i => (byte)(i * 7)).ToArray();

    [Fact]
    public async Task Latency_delays_every_request()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();
        await emulator.Api.AdminAsync(HttpMethod.Post, "faults", new { latencyMs = 300 });

        var watch = Stopwatch.StartNew();
        (await emulator.Api.PostAsync("folder/ls.cgi")).AssertOk();

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(280), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Server_errors_are_injected_and_counted()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync(new EmulatorOptions
        {
            DataDirectory = TestEmulator.NewDataDirectory(),
            Limits = EmulatorLimitsMode.Off,
            Faults = new EmulatorFaults { ServerErrorRate = 1 },
        });

        using HttpResponseMessage response = await emulator.Api.Http.PostAsync(new Uri("v1/folder/ls.cgi", UriKind.Relative), System.Net.Http.Json.JsonContent.Create(new { }), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(1, (await emulator.Api.AdminAsync(HttpMethod.Get, "stats")).GetProperty("serverErrors").GetInt64());
    }

    [Fact]
    public async Task A_reset_cuts_a_download_part_way()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();
        UploadedFile file = await emulator.Api.UploadOneAsync(0, "cut.bin", s_content);
        string tokenUrl = await emulator.Api.GetTokenUrlAsync(file.Url);
        await emulator.Api.AdminAsync(HttpMethod.Post, "faults", new { resetRate = 1.0 });

        await Assert.ThrowsAnyAsync<Exception>(async () => await emulator.Api.Http.GetByteArrayAsync(new Uri(tokenUrl), TestContext.Current.CancellationToken));

        JsonElement stats = await emulator.Api.AdminAsync(HttpMethod.Get, "stats");
        Assert.Equal(1, stats.GetProperty("connectionResets").GetInt64());
        Assert.InRange(stats.GetProperty("bytesDownloaded").GetInt64(), 1, s_content.Length - 1);
    }

    [Fact]
    public async Task A_reset_cuts_an_upload_and_nothing_becomes_visible()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();
        await emulator.Api.AdminAsync(HttpMethod.Post, "faults", new { resetRate = 1.0 });

        await Assert.ThrowsAnyAsync<Exception>(async () => (await emulator.Api.SendUploadAsync("0", ("cut.bin", s_content))).Response.Dispose());

        // The client sees the reset before the server has cleaned up after it.
        await Eventually.TrueAsync(() => !emulator.FilesIn("tmp").Any(), "the partial upload is removed");
        await emulator.Api.AdminAsync(HttpMethod.Post, "faults", new { resetRate = 0 });
        await emulator.AssertNothingStoredAsync();
    }

    [Fact]
    public async Task End_page_can_answer_html_to_a_json_request_or_no_links()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();
        string uploadId = await emulator.Api.UploadForIdAsync(0, ("a.txt", [1]));

        await emulator.Api.AdminAsync(HttpMethod.Post, "faults", new { endPageNoLinksRate = 1.0 });
        Assert.Empty(await emulator.Api.EndPageAsync(uploadId));
        await emulator.Api.AdminAsync(HttpMethod.Post, "faults", new { endPageNoLinksRate = 0, endPageHtmlRate = 1.0 });
        using var request = new HttpRequestMessage(HttpMethod.Get, $"end.pl?xid={uploadId}") { Headers = { { "JSON", "1" } } };
        using HttpResponseMessage html = await emulator.Api.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<", await html.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Listing_lag_hides_new_files_from_listings_but_not_from_info_and_tokens()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using TestEmulator emulator = await TestEmulator.StartAsync(new EmulatorOptions
        {
            DataDirectory = TestEmulator.NewDataDirectory(),
            Limits = EmulatorLimitsMode.Off,
            TimeProvider = clock,
            Faults = new EmulatorFaults { ListingLag = TimeSpan.FromSeconds(10) },
        });

        UploadedFile file = await emulator.Api.UploadOneAsync(0, "late.txt", [1]);
        ApiAnswer copy = await emulator.Api.PostAsync("file/cp.cgi", new { urls = new[] { file.Url }, folder_id = 0 });

        Assert.Equal(0, await emulator.Api.CountFilesAsync(0));
        Assert.Equal(0, (await emulator.Api.ListFolderAsync(0))["items"].GetArrayLength());
        (await emulator.Api.PostAsync("file/info.cgi", new { url = copy["urls"][0].GetProperty("to_url").GetString() })).AssertOk();
        Assert.Equal(new byte[] { 1 }, await emulator.Api.DownloadAsync(file.Url));
        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(0, await emulator.Api.CountFilesAsync(0));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, await emulator.Api.CountFilesAsync(0));
    }

    [Fact]
    public async Task Bandwidth_per_stream_slows_a_download()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();
        UploadedFile file = await emulator.Api.UploadOneAsync(0, "slow.bin", s_content);
        await emulator.Api.AdminAsync(HttpMethod.Post, "faults", new { bandwidthPerStream = 400_000 });

        var watch = Stopwatch.StartNew();
        byte[] body = await emulator.Api.DownloadAsync(file.Url);

        Assert.Equal(s_content, body);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(400), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Total_bandwidth_is_shared_by_concurrent_downloads()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();
        UploadedFile file = await emulator.Api.UploadOneAsync(0, "shared.bin", s_content);
        await emulator.Api.AdminAsync(HttpMethod.Post, "faults", new { bandwidthTotal = 800_000 });

        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => emulator.Api.DownloadAsync(file.Url)));

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(400), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Bandwidth_per_stream_slows_an_upload()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();
        await emulator.Api.AdminAsync(HttpMethod.Post, "faults", new { bandwidthPerStream = 400_000 });

        var watch = Stopwatch.StartNew();
        UploadedFile file = await emulator.Api.UploadOneAsync(0, "slow-up.bin", s_content);

        Assert.Equal("200000", file.Size);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(400), $"took {watch.Elapsed}");
    }
}
