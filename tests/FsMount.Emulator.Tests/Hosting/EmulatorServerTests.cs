using FsMount.Emulator.Tests.TestSupport;

namespace FsMount.Emulator.Tests.Hosting;

public sealed class EmulatorServerTests
{
    [Fact]
    public async Task Port_zero_reports_the_real_port_and_the_derived_urls()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();
        EmulatorServer server = emulator.Server;

        Assert.Equal("127.0.0.1", server.BaseUrl.Host);
        Assert.NotEqual(0, server.BaseUrl.Port);
        Assert.Equal(new Uri(server.BaseUrl, "v1/"), server.ApiUrl);
        Assert.Equal(new Uri(server.BaseUrl, "__emulator/"), server.AdminUrl);
        Assert.EndsWith("/", server.BaseUrl.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task File_and_token_urls_use_the_public_url_when_one_is_set()
    {
        string data = TestEmulator.NewDataDirectory();
        await using (TestEmulator plain = await TestEmulator.StartAsync(new EmulatorOptions { DataDirectory = data, Limits = EmulatorLimitsMode.Off }, ownsDirectory: false))
        {
            await plain.Api.UploadOneAsync(0, "a", [1]);
        }

        await using TestEmulator emulator = await TestEmulator.StartAsync(new EmulatorOptions
        {
            DataDirectory = data,
            Limits = EmulatorLimitsMode.Off,
            PublicUrl = "https://1fichier.example",
        });

        string url = (await emulator.Api.PostAsync("file/ls.cgi", new { folder_id = 0 }))["items"][0].GetProperty("url").GetString()!;
        Assert.Matches(@"^https://1fichier\.example/\?[a-z0-9]{10}$", url);
        Assert.StartsWith("https://1fichier.example/", await emulator.Api.GetTokenUrlAsync(url), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Out_of_range_settings_are_refused_at_start()
    {
        string data = TestEmulator.NewDataDirectory();
        try
        {
            await Assert.ThrowsAsync<ArgumentException>(() => EmulatorServer.StartAsync(
                new EmulatorOptions { DataDirectory = data, Faults = new EmulatorFaults { ResetRate = 1.5 } }, TestContext.Current.CancellationToken));
            await Assert.ThrowsAsync<ArgumentException>(() => EmulatorServer.StartAsync(
                new EmulatorOptions { DataDirectory = data, RequestsPerSecond = 0 }, TestContext.Current.CancellationToken));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
