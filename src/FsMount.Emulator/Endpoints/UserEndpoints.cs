using System.Text.Json.Nodes;
using FsMount.Emulator.Limits;
using FsMount.Emulator.State;
using FsMount.Emulator.Wire;
using Microsoft.AspNetCore.Routing;

namespace FsMount.Emulator.Endpoints;

/// <summary>
/// <c>/v1/user/info.cgi</c>: the account, each field with the JSON type the service sends (the types rclone's
/// decoder requires, so <c>rclone about</c> works against the emulator): flags, dates, the e-mail and the offer
/// as strings; storage sizes, <c>page_limit</c>, <c>default_domain</c> and <c>ftp_did</c> as numbers.
/// </summary>
internal sealed class UserEndpoints
{
    private readonly EmulatorStore _store;
    private readonly FloodGuard _flood;
    private readonly EmulatorOptions _options;
    private readonly TimeProvider _time;

    public UserEndpoints(EmulatorStore store, FloodGuard flood, EmulatorOptions options, TimeProvider time)
    {
        _store = store;
        _flood = flood;
        _options = options;
        _time = time;
    }

    public void Map(IEndpointRouteBuilder routes) => routes.MapApi("/v1/user/info.cgi", Info);

    // cold_storage = bytes used, available_cold_storage = the quota (rclone's reading, which the mount follows).
    private IResult Info(RequestBody body)
    {
        if (_flood.AdmitUserInfo() is { } flood)
        {
            return ApiResponse.Ko(flood);
        }

        long used = _store.UsedBytes();
        DateTimeOffset now = _time.GetUtcNow();
        return ApiResponse.Ok(new JsonObject
        {
            ["status"] = "OK",
            ["email"] = "demo@fsmount.invalid",
            ["offer"] = "1",
            ["subscription_end"] = ParisTime.Format(now.AddYears(1)),
            ["stats_date"] = ParisTime.Format(now)[..10],
            ["mail_rm"] = "0",
            ["cdn"] = "0",
            ["use_cdn"] = "0",
            ["2fa"] = "0",
            ["upload_forbidden"] = "0",
            ["default_port"] = "0",
            ["default_port_files"] = "0",
            ["download_menu"] = "0",
            ["ftp_report"] = "0",
            ["ftp_mode"] = "0",
            ["ru_report"] = "0",
            ["cold_storage"] = used,
            ["available_cold_storage"] = _options.StorageQuota,
            ["allowed_cold_storage"] = _options.StorageQuota,
            ["default_cold_storage_quota"] = _options.StorageQuota,
            ["hot_storage"] = 0,
            ["available_storage"] = Math.Max(0, _options.StorageQuota - used),
            ["default_quota"] = _options.StorageQuota,
            ["overquota"] = used > _options.StorageQuota ? 1 : 0,
            ["page_limit"] = 100,
            ["default_domain"] = 0,
            ["ftp_did"] = 0,
        });
    }
}
