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
        Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$", info["subscription_end"].GetString());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", info["stats_date"].GetString());
    }

    // rclone decodes user/info.cgi into typed fields (backend/fichier AccountInfo): a number where it expects a
    // string, or the reverse, fails `rclone about`. These are its types, which the service's answers satisfy.
    [Theory]
    [InlineData("stats_date", JsonValueKind.String)]
    [InlineData("mail_rm", JsonValueKind.String)]
    [InlineData("email", JsonValueKind.String)]
    [InlineData("subscription_end", JsonValueKind.String)]
    [InlineData("offer", JsonValueKind.String)]
    [InlineData("cdn", JsonValueKind.String)]
    [InlineData("use_cdn", JsonValueKind.String)]
    [InlineData("2fa", JsonValueKind.String)]
    [InlineData("upload_forbidden", JsonValueKind.String)]
    [InlineData("default_port", JsonValueKind.String)]
    [InlineData("default_port_files", JsonValueKind.String)]
    [InlineData("download_menu", JsonValueKind.String)]
    [InlineData("ftp_report", JsonValueKind.String)]
    [InlineData("ftp_mode", JsonValueKind.String)]
    [InlineData("ru_report", JsonValueKind.String)]
    [InlineData("status", JsonValueKind.String)]
    [InlineData("default_quota", JsonValueKind.Number)]
    [InlineData("page_limit", JsonValueKind.Number)]
    [InlineData("cold_storage", JsonValueKind.Number)]
    [InlineData("available_cold_storage", JsonValueKind.Number)]
    [InlineData("allowed_cold_storage", JsonValueKind.Number)]
    [InlineData("default_cold_storage_quota", JsonValueKind.Number)]
    [InlineData("hot_storage", JsonValueKind.Number)]
    [InlineData("available_storage", JsonValueKind.Number)]
    [InlineData("overquota", JsonValueKind.Number)]
    [InlineData("default_domain", JsonValueKind.Number)]
    [InlineData("ftp_did", JsonValueKind.Number)]
    public async Task Info_fields_have_the_types_rclone_decodes(string field, JsonValueKind kind)
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync(new EmulatorOptions
        {
            DataDirectory = TestEmulator.NewDataDirectory(),
            Limits = EmulatorLimitsMode.Off,
        });

        ApiAnswer info = await emulator.Api.PostAsync("user/info.cgi");

        Assert.Equal(kind, info[field].ValueKind);
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
