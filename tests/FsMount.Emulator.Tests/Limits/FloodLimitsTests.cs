using System.Net;
using System.Text.Json;
using FsMount.Emulator.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace FsMount.Emulator.Tests.Limits;

public sealed class FloodLimitsTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    private EmulatorOptions Strict() => new()
    {
        DataDirectory = TestEmulator.NewDataDirectory(),
        Limits = EmulatorLimitsMode.Strict,
        TimeProvider = _clock,
    };

    [Fact]
    public async Task A_burst_is_locked_out_with_374_and_403_for_the_whole_lock_duration()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync(new EmulatorOptions
        {
            DataDirectory = TestEmulator.NewDataDirectory(),
            TimeProvider = _clock,
            FloodLockDuration = TimeSpan.FromSeconds(10),
        });
        UploadedFile file = await emulator.Api.UploadOneAsync(0, "f", [1]);

        var answers = new List<ApiAnswer>();
        for (int i = 0; i < 12; i++)
        {
            answers.Add(await emulator.Api.PostAsync("file/info.cgi", new { url = file.Url }));
        }

        // The burst of 5 passes (get_upload_server used one token), then every call is refused.
        Assert.Equal(4, answers.Count(answer => answer.Status == "OK"));
        Assert.All(answers.Skip(4), answer => answer.AssertKo(HttpStatusCode.Forbidden, 374));
        Assert.Equal("Flood detected: IP Locked #374", answers[^1].Message);

        // The bucket refills at 3/s, but the lock holds for its whole duration...
        _clock.Advance(TimeSpan.FromSeconds(9.9));
        (await emulator.Api.PostAsync("file/info.cgi", new { url = file.Url })).AssertKo(HttpStatusCode.Forbidden, 374);
        JsonElement stats = await emulator.Api.AdminAsync(HttpMethod.Get, "stats");
        Assert.Equal(9, stats.GetProperty("floodRejections").GetInt64());
        Assert.Equal(1, stats.GetProperty("lockouts").GetArrayLength());
        Assert.Equal(9, stats.GetProperty("endpoints").GetProperty("/v1/file/info.cgi").GetProperty("ko").GetProperty("374").GetInt64());

        // ...and ends with it.
        _clock.Advance(TimeSpan.FromSeconds(0.2));
        (await emulator.Api.PostAsync("file/info.cgi", new { url = file.Url })).AssertOk();
    }

    [Fact]
    public async Task The_strict_lock_lasts_thirty_seconds_by_default()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync(Strict());
        for (int i = 0; i < 6; i++)
        {
            await emulator.Api.PostAsync("upload/get_upload_server.cgi");
        }

        _clock.Advance(TimeSpan.FromSeconds(29));
        (await emulator.Api.PostAsync("upload/get_upload_server.cgi")).AssertKo(HttpStatusCode.Forbidden, 374);
        _clock.Advance(TimeSpan.FromSeconds(1.1));
        (await emulator.Api.PostAsync("upload/get_upload_server.cgi")).AssertOk();
    }

    [Fact]
    public async Task A_sustained_three_requests_per_second_never_floods()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync(Strict());

        for (int i = 0; i < 30; i++)
        {
            (await emulator.Api.PostAsync("upload/get_upload_server.cgi")).AssertOk();
            _clock.Advance(TimeSpan.FromSeconds(1.0 / 3));
        }
    }

    [Fact]
    public async Task Listing_one_folder_again_within_thirty_seconds_is_a_flood_without_a_lock()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync(Strict());
        long other = await emulator.Api.MkdirAsync("other");

        (await emulator.Api.ListFolderAsync(0)).AssertOk();
        _clock.Advance(TimeSpan.FromSeconds(29));
        (await emulator.Api.ListFolderAsync(0)).AssertKo(HttpStatusCode.Forbidden, 374);
        (await emulator.Api.ListFolderAsync(other)).AssertOk();
        (await emulator.Api.PostAsync("file/ls.cgi", new { folder_id = 0 })).AssertOk();
        _clock.Advance(TimeSpan.FromSeconds(1.1));
        (await emulator.Api.ListFolderAsync(0)).AssertOk();
    }

    [Fact]
    public async Task The_whole_account_listing_is_allowed_once_an_hour()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync(Strict());

        (await emulator.Api.PostAsync("file/ls.cgi", new { folder_id = -1 })).AssertOk();
        _clock.Advance(TimeSpan.FromMinutes(59));
        (await emulator.Api.PostAsync("file/ls.cgi", new { folder_id = -1 })).AssertKo(HttpStatusCode.Forbidden, 374);
        _clock.Advance(TimeSpan.FromMinutes(1.1));
        (await emulator.Api.PostAsync("file/ls.cgi", new { folder_id = -1 })).AssertOk();
    }

    [Fact]
    public async Task Relaxed_limits_keep_every_check_at_generous_values()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync(new EmulatorOptions
        {
            DataDirectory = TestEmulator.NewDataDirectory(),
            Limits = EmulatorLimitsMode.Relaxed,
            TimeProvider = _clock,
        });

        for (int i = 0; i < 100; i++)
        {
            (await emulator.Api.PostAsync("upload/get_upload_server.cgi")).AssertOk();
        }

        (await emulator.Api.ListFolderAsync(0)).AssertOk();
        (await emulator.Api.ListFolderAsync(0)).AssertKo(HttpStatusCode.Forbidden, 374);
        _clock.Advance(TimeSpan.FromSeconds(0.2));
        (await emulator.Api.ListFolderAsync(0)).AssertOk();
        (await emulator.Api.PostAsync("user/info.cgi")).AssertOk();
        (await emulator.Api.PostAsync("user/info.cgi")).AssertKo(HttpStatusCode.Forbidden, 38);
        _clock.Advance(TimeSpan.FromSeconds(1));
        (await emulator.Api.PostAsync("user/info.cgi")).AssertOk();
    }

    [Fact]
    public async Task Off_disables_every_check()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync(new EmulatorOptions { DataDirectory = TestEmulator.NewDataDirectory(), Limits = EmulatorLimitsMode.Off });

        for (int i = 0; i < 50; i++)
        {
            (await emulator.Api.ListFolderAsync(0)).AssertOk();
        }

        (await emulator.Api.PostAsync("user/info.cgi")).AssertOk();
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

    [Fact]
    public async Task The_flood_code_can_be_412()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync(new EmulatorOptions
        {
            DataDirectory = TestEmulator.NewDataDirectory(),
            TimeProvider = _clock,
            FloodErrorCode = 412,
        });

        (await emulator.Api.ListFolderAsync(0)).AssertOk();
        ApiAnswer refused = await emulator.Api.ListFolderAsync(0);

        refused.AssertKo(HttpStatusCode.Forbidden, 412);
        Assert.Equal("Flood detected: IP Locked #412", refused.Message);
        Assert.Equal(1, (await emulator.Api.AdminAsync(HttpMethod.Get, "stats")).GetProperty("floodRejections").GetInt64());
    }
}
