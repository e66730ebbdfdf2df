using System.Net;
using System.Text.Json;
using FsMount.Emulator.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace FsMount.Emulator.Tests.Endpoints;

public sealed class UserEndpointsTests
{
    [Fact]
    public async Task Info_reports_usage_and_quota_with_the_service_field_types()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync(new EmulatorOptions
        {
            DataDirectory = TestEmulator.NewDataDirectory(),
            Limits = EmulatorLimitsMode.Off,
            StorageQuota = 10_000,
        });
        await emulator.Api.UploadOneAsync(0, "a", new byte[1234]);

        ApiAnswer info = await emulator.Api.PostAsync("user/info.cgi");

        info.AssertOk();
        Assert.Equal(1234, info["cold_storage"].GetInt64());
        Assert.Equal(10_000, info["available_cold_storage"].GetInt64());
        Assert.Equal(JsonValueKind.String, info["offer"].ValueKind);
        Assert.Equal(JsonValueKind.String, info["2fa"].ValueKind);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$", info["subscription_end"].GetString());
    }

    [Fact]
    public async Task Uploads_beyond_the_quota_are_refused()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync(new EmulatorOptions
        {
            DataDirectory = TestEmulator.NewDataDirectory(),
            Limits = EmulatorLimitsMode.Off,
            StorageQuota = 500,
        });

        (string _, HttpResponseMessage response) = await emulator.Api.SendUploadAsync("0", ("big", new byte[600]));

        (await ApiClient.ReadAnswerAsync(response)).AssertKo(HttpStatusCode.Forbidden, 545);
        response.Dispose();
    }

    [Fact]
    public async Task A_second_info_within_five_minutes_is_a_flood_38_while_other_calls_work()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using TestEmulator emulator = await TestEmulator.StartAsync(new EmulatorOptions { DataDirectory = TestEmulator.NewDataDirectory(), TimeProvider = clock });

        (await emulator.Api.PostAsync("user/info.cgi")).AssertOk();
        clock.Advance(TimeSpan.FromMinutes(4.9));
        (await emulator.Api.PostAsync("user/info.cgi")).AssertKo(HttpStatusCode.Forbidden, 38);
        (await emulator.Api.PostAsync("file/info.cgi", new { url = "https://1fichier.com/?nothere000" })).AssertKo(HttpStatusCode.NotFound, 469);
        clock.Advance(TimeSpan.FromMinutes(0.2));
        (await emulator.Api.PostAsync("user/info.cgi")).AssertOk();
    }
}
