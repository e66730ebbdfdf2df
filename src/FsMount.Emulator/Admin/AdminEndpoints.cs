using System.Text.Json;
using System.Text.Json.Nodes;
using FsMount.Emulator.Faults;
using FsMount.Emulator.Limits;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace FsMount.Emulator.Admin;

/// <summary>
/// <c>/__emulator/*</c>: statistics, the fault plan and forced flood locks, for tests. No key: the emulator is a
/// local test double and binds to loopback by default.
/// </summary>
internal sealed class AdminEndpoints
{
    private readonly EmulatorStats _stats;
    private readonly FaultPlan _faults;
    private readonly FloodGuard _flood;
    private readonly TimeProvider _time;
    private readonly ILogger<AdminEndpoints> _logger;

    public AdminEndpoints(EmulatorStats stats, FaultPlan faults, FloodGuard flood, TimeProvider time, ILogger<AdminEndpoints> logger)
    {
        _stats = stats;
        _faults = faults;
        _flood = flood;
        _time = time;
        _logger = logger;
    }

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/__emulator/stats", () => Results.Json(_stats.ToJson(_flood.ActiveLocks(), _time.GetUtcNow())));
        routes.MapPost("/__emulator/stats/reset", () =>
        {
            _stats.Reset();
            return Results.Json(_stats.ToJson(_flood.ActiveLocks(), _time.GetUtcNow()));
        });
        routes.MapGet("/__emulator/faults", () => Results.Json(FaultsJson.ToJson(_faults.Current, _faults.Seed)));
        routes.MapPost("/__emulator/faults", (Delegate)UpdateFaultsAsync);
        routes.MapPost("/__emulator/lock", (Delegate)LockAsync);
    }

    private async Task<IResult> UpdateFaultsAsync(HttpContext context)
    {
        try
        {
            JsonObject update = await ReadObjectAsync(context);
            EmulatorFaults faults = FaultsJson.Merge(_faults.Current, update);
            int? seed = FaultsJson.Seed(update);
            _faults.Replace(faults);
            if (seed is int restart)
            {
                _faults.Reseed(restart);
                Log.FaultsReseeded(_logger, restart);
            }

            JsonObject plan = FaultsJson.ToJson(faults, _faults.Seed);
            Log.FaultsChanged(_logger, plan.ToJsonString());
            return Results.Json(plan);
        }
        catch (Exception exception) when (exception is FormatException or JsonException or InvalidOperationException or ArgumentException)
        {
            return Results.BadRequest(new JsonObject { ["error"] = exception.Message });
        }
    }

    // {"seconds": N, "caller": "127.0.0.1"}: locks the caller (default: the requester's IP); 0 lifts the lock.
    private async Task<IResult> LockAsync(HttpContext context)
    {
        try
        {
            JsonObject request = await ReadObjectAsync(context);
            double seconds = request["seconds"]?.GetValue<double>() ?? throw new FormatException("'seconds' is required");
            string caller = request["caller"]?.GetValue<string>() ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            _flood.Lock(caller, TimeSpan.FromSeconds(seconds));
            return Results.Json(_stats.ToJson(_flood.ActiveLocks(), _time.GetUtcNow()));
        }
        catch (Exception exception) when (exception is FormatException or JsonException or InvalidOperationException or ArgumentException)
        {
            return Results.BadRequest(new JsonObject { ["error"] = exception.Message });
        }
    }

    private static async Task<JsonObject> ReadObjectAsync(HttpContext context) =>
        await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject
        ?? throw new FormatException("a JSON object is expected");
}
