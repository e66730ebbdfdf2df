using FsMount.Emulator.Tests.TestSupport;
using FsMount.Testing;

namespace FsMount.Emulator.Tests.State;

public sealed class PersistenceTests
{
    [Fact]
    public async Task A_restart_on_the_same_folder_serves_the_same_account_with_the_same_generated_key()
    {
        string data = TestEmulator.NewDataDirectory();
        try
        {
            string key;
            UploadedFile file;
            long folder;
            await using (TestEmulator first = await TestEmulator.StartAsync(new EmulatorOptions { DataDirectory = data, Limits = EmulatorLimitsMode.Off }, ownsDirectory: false))
            {
                key = first.Server.ApiKey;
                folder = await first.Api.MkdirAsync("kept");
                file = await first.Api.UploadOneAsync(folder, "kept.txt", "persist"u8.ToArray());
            }

            await using TestEmulator second = await TestEmulator.StartAsync(new EmulatorOptions { DataDirectory = data, Limits = EmulatorLimitsMode.Off }, ownsDirectory: false);

            Assert.Equal(key, second.Server.ApiKey);
            Assert.Equal(32, key.Length);
            Assert.Equal(folder, Assert.Single((await second.Api.ListFolderAsync(0))["sub_folders"].EnumerateArray()).GetProperty("id").GetInt64());
            string url = Assert.Single((await second.Api.ListFolderAsync(folder))["items"].EnumerateArray()).GetProperty("url").GetString()!;
            Assert.EndsWith("?" + file.ShortId, url, StringComparison.Ordinal);
            Assert.Equal("persist"u8.ToArray(), await second.Api.DownloadAsync(url));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(data, "api-key")));
            }
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task A_configured_key_is_used_and_not_stored()
    {
        string data = TestEmulator.NewDataDirectory();
        await using TestEmulator emulator = await TestEmulator.StartAsync(new EmulatorOptions { DataDirectory = data, ApiKey = "configured-key-0123456789", Limits = EmulatorLimitsMode.Off });

        (await emulator.Api.PostAsync("folder/ls.cgi")).AssertOk();
        Assert.Equal("configured-key-0123456789", emulator.Server.ApiKey);
        Assert.False(File.Exists(Path.Combine(data, "api-key")));
    }

    [Fact]
    public async Task Everything_acknowledged_survives_kill_9_and_a_half_upload_leaves_nothing()
    {
        string data = TestEmulator.NewDataDirectory();
        try
        {
            UploadedFile file;
            using (ChildEmulator child = await ChildEmulator.StartAsync(data))
            {
                string key = await File.ReadAllTextAsync(Path.Combine(data, "api-key"), TestContext.Current.CancellationToken);
                using var api = new ApiClient(child.BaseUrl, key);
                long folder = await api.MkdirAsync("survivor");
                file = await api.UploadOneAsync(folder, "survivor.bin", [4, 5, 6]);

                // A second upload that stops part-way, its received bytes already on disk in tmp/ (streamed, not
                // buffered in memory) when the process dies.
                await StartStalledUploadAsync(api, data);
                await child.KillAsync();
            }

            Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(data, "tmp")));
            using ChildEmulator restarted = await ChildEmulator.StartAsync(data);
            string sameKey = await File.ReadAllTextAsync(Path.Combine(data, "api-key"), TestContext.Current.CancellationToken);
            using var again = new ApiClient(restarted.BaseUrl, sameKey);

            ApiAnswer listing = await again.PostAsync("file/ls.cgi", new { folder_id = -1 });
            Assert.Equal(1, listing["count"].GetInt32());
            Assert.Equal(new byte[] { 4, 5, 6 }, await again.DownloadAsync(listing["items"][0].GetProperty("url").GetString()!));
            Assert.Empty(Directory.EnumerateFiles(Path.Combine(data, "tmp")));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task StartStalledUploadAsync(ApiClient api, string dataDirectory)
    {
        ApiAnswer node = await api.PostAsync("upload/get_upload_server.cgi");
        var stalled = new StalledContent(1_000_000, 300_000);
        var form = new MultipartFormDataContent { { stalled, "file[]", "half.bin" } };
        ApiClient.UnquoteBoundary(form);
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"http://{node["url"].GetString()}/upload.cgi?id={node["id"].GetString()}")) { Content = form };
        _ = api.Http.SendAsync(request, TestContext.Current.CancellationToken).ContinueWith(
            task => { request.Dispose(); return task.Exception; }, TaskScheduler.Default);
        await stalled.Stalled.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        string temp = Path.Combine(dataDirectory, "tmp");
        await Eventually.TrueAsync(() => Directory.EnumerateFiles(temp).Sum(path => new FileInfo(path).Length) >= 100_000, "the received bytes are on disk");
    }
}
