using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FsMount.Emulator.Tests.TestSupport;

namespace FsMount.Emulator.Tests.Admin;

public sealed class AdminEndpointsTests
{
    [Fact]
    public async Task Stats_count_calls_and_ko_codes_per_endpoint_and_reset_clears_them()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();
        UploadedFile file = await emulator.Api.UploadOneAsync(0, "s.bin", new byte[100]);
        await emulator.Api.DownloadAsync(file.Url);
        await emulator.Api.PostAsync("file/info.cgi", new { url = "https://1fichier.com/?missing000" });

        JsonElement stats = await emulator.Api.AdminAsync(HttpMethod.Get, "stats");

        JsonElement endpoints = stats.GetProperty("endpoints");
        Assert.Equal(1, endpoints.GetProperty("/v1/download/get_token.cgi").GetProperty("calls").GetInt64());
        Assert.Equal(1, endpoints.GetProperty("/v1/file/info.cgi").GetProperty("ko").GetProperty("469").GetInt64());
        Assert.Equal(1, endpoints.GetProperty("/upload.cgi").GetProperty("calls").GetInt64());
        Assert.Equal(1, endpoints.GetProperty("/{token}").GetProperty("calls").GetInt64());
        Assert.Equal(100, stats.GetProperty("bytesDownloaded").GetInt64());
        Assert.True(stats.GetProperty("bytesUploaded").GetInt64() > 100);

        JsonElement reset = await emulator.Api.AdminAsync(HttpMethod.Post, "stats/reset");
        Assert.Empty(reset.GetProperty("endpoints").EnumerateObject());
        Assert.Equal(0, reset.GetProperty("bytesDownloaded").GetInt64());
    }

    [Fact]
    public async Task Faults_are_read_and_partially_updated_and_bad_updates_refused()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync(new EmulatorOptions
        {
            DataDirectory = TestEmulator.NewDataDirectory(),
            Limits = EmulatorLimitsMode.Off,
            Faults = new EmulatorFaults { Latency = TimeSpan.FromMilliseconds(5) },
        });

        JsonElement updated = await emulator.Api.AdminAsync(HttpMethod.Post, "faults", new { serverErrorRate = 0.25 });

        Assert.Equal(5, updated.GetProperty("latencyMs").GetDouble());
        Assert.Equal(0.25, updated.GetProperty("serverErrorRate").GetDouble());
        Assert.Equal(0.25, (await emulator.Api.AdminAsync(HttpMethod.Get, "faults")).GetProperty("serverErrorRate").GetDouble());
        using HttpResponseMessage unknown = await emulator.Api.Http.PostAsync(new Uri("__emulator/faults", UriKind.Relative), JsonContent.Create(new { nonsense = 1 }), TestContext.Current.CancellationToken);
        using HttpResponseMessage outOfRange = await emulator.Api.Http.PostAsync(new Uri("__emulator/faults", UriKind.Relative), JsonContent.Create(new { resetRate = 2 }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, outOfRange.StatusCode);
    }
}
