using System.Net;
using System.Text.Json;
using FsMount.Emulator.Tests.TestSupport;

namespace FsMount.Emulator.Tests.Limits;

public sealed class FloodLimitsTests
{
    private static EmulatorOptions Strict(TimeSpan lockDuration) => new()
    {
        DataDirectory = TestEmulator.NewDataDirectory(),
        Limits = EmulatorLimitsMode.Strict,
        FloodLockDuration = lockDuration,
    };

    [Fact]
    public async Task A_burst_is_locked_out_with_374_and_403_for_the_lock_duration()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync(Strict(TimeSpan.FromSeconds(1.5)));
        UploadedFile file = await emulator.Api.UploadOneAsync(0, "f", [1]);

        var answers = new List<ApiAnswer>();
        for (int i = 0; i < 12; i++)
        {
            answers.Add(await emulator.Api.PostAsync("file/info.cgi", new { url = file.Url }));
        }

        ApiAnswer flood = answers.First(answer => answer.Status == "KO");
        flood.AssertKo(HttpStatusCode.Forbidden, 374);
        Assert.Equal("Flood detected: IP Locked #374", flood.Message);
        Assert.InRange(answers.Count(answer => answer.Status == "OK"), 4, 6);

        // The bucket has refilled after 0.7 s, but the lock holds...
        await Task.Delay(700, TestContext.Current.CancellationToken);
        (await emulator.Api.PostAsync("file/info.cgi", new { url = file.Url })).AssertKo(HttpStatusCode.Forbidden, 374);
        JsonElement stats = await emulator.Api.AdminAsync(HttpMethod.Get, "stats");
        Assert.True(stats.GetProperty("floodRejections").GetInt64() >= 7);
        Assert.Equal(1, stats.GetProperty("lockouts").GetArrayLength());
        Assert.True(stats.GetProperty("endpoints").GetProperty("/v1/file/info.cgi").GetProperty("ko").GetProperty("374").GetInt64() >= 7);

        // ...until it ends.
        await Task.Delay(1000, TestContext.Current.CancellationToken);
        (await emulator.Api.PostAsync("file/info.cgi", new { url = file.Url })).AssertOk();
    }

    [Fact]
    public async Task Listing_one_folder_twice_within_the_interval_is_a_flood_without_a_lock()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync(Strict(TimeSpan.FromSeconds(30)));
        long other = await emulator.Api.MkdirAsync("other");

        (await emulator.Api.ListFolderAsync(0)).AssertOk();
        (await emulator.Api.ListFolderAsync(0)).AssertKo(HttpStatusCode.Forbidden, 374);
        (await emulator.Api.ListFolderAsync(other)).AssertOk();
        (await emulator.Api.PostAsync("file/ls.cgi", new { folder_id = 0 })).AssertOk();
    }

    [Fact]
    public async Task Relaxed_limits_let_a_fast_test_through()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync(new EmulatorOptions
        {
            DataDirectory = TestEmulator.NewDataDirectory(),
            Limits = EmulatorLimitsMode.Relaxed,
        });

        for (int i = 0; i < 40; i++)
        {
            (await emulator.Api.PostAsync("upload/get_upload_server.cgi")).AssertOk();
        }

        (await emulator.Api.ListFolderAsync(0)).AssertOk();
        (await emulator.Api.ListFolderAsync(0)).AssertKo(HttpStatusCode.Forbidden, 374);
        await Task.Delay(300, TestContext.Current.CancellationToken);
        (await emulator.Api.ListFolderAsync(0)).AssertOk();
        (await emulator.Api.PostAsync("user/info.cgi")).AssertOk();
        (await emulator.Api.PostAsync("user/info.cgi")).AssertKo(HttpStatusCode.Forbidden, 38);
        await Task.Delay(1100, TestContext.Current.CancellationToken);
        (await emulator.Api.PostAsync("user/info.cgi")).AssertOk();
    }

    [Fact]
    public async Task An_admin_lock_refuses_api_calls_even_with_limits_off_and_zero_lifts_it()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();

        await emulator.Api.AdminAsync(HttpMethod.Post, "lock", new { seconds = 30 });
        (await emulator.Api.PostAsync("folder/ls.cgi")).AssertKo(HttpStatusCode.Forbidden, 374);
        await emulator.Api.AdminAsync(HttpMethod.Post, "lock", new { seconds = 0 });
        (await emulator.Api.PostAsync("folder/ls.cgi")).AssertOk();
    }
}
