using System.Text.Json;
using System.Text.Json.Nodes;

namespace FsMount.Emulator.Admin;

/// <summary>
/// The admin API's JSON form of the fault plan: durations in milliseconds, bandwidth in bytes/s, rates 0..1, endpoint
/// names as an array of strings, and <c>seed</c>, which restarts the fault rolls rather than being part of the plan.
/// </summary>
internal static class FaultsJson
{
    private const string SeedKey = "seed";

    public static JsonObject ToJson(EmulatorFaults faults, int seed) => new()
    {
        ["latencyMs"] = faults.Latency.TotalMilliseconds,
        ["bandwidthPerStream"] = faults.BandwidthPerStream,
        ["bandwidthTotal"] = faults.BandwidthTotal,
        ["serverErrorRate"] = faults.ServerErrorRate,
        ["resetRate"] = faults.ResetRate,
        ["stallRate"] = faults.StallRate,
        ["stallMs"] = faults.StallDuration.TotalMilliseconds,
        ["endPageHtmlRate"] = faults.EndPageHtmlRate,
        ["endPageNoLinksRate"] = faults.EndPageNoLinksRate,
        ["listingLagMs"] = faults.ListingLag.TotalMilliseconds,
        ["dropResponseRate"] = faults.DropResponseRate,
        ["dropResponseEndpoints"] = new JsonArray(faults.DropResponseEndpoints.Select(name => (JsonNode?)name).ToArray()),
        [SeedKey] = seed,
    };

    /// <summary>Applies the keys present in <paramref name="update"/>; throws on an unknown key or a wrongly typed value (ranges are the plan's to check).</summary>
    public static EmulatorFaults Merge(EmulatorFaults faults, JsonObject update)
    {
        ArgumentNullException.ThrowIfNull(update);
        foreach ((string key, JsonNode? value) in update)
        {
            faults = key switch
            {
                SeedKey => faults,
                "latencyMs" => faults with { Latency = TimeSpan.FromMilliseconds(Number(key, value)) },
                "bandwidthPerStream" => faults with { BandwidthPerStream = (long)Number(key, value) },
                "bandwidthTotal" => faults with { BandwidthTotal = (long)Number(key, value) },
                "serverErrorRate" => faults with { ServerErrorRate = Number(key, value) },
                "resetRate" => faults with { ResetRate = Number(key, value) },
                "stallRate" => faults with { StallRate = Number(key, value) },
                "stallMs" => faults with { StallDuration = TimeSpan.FromMilliseconds(Number(key, value)) },
                "endPageHtmlRate" => faults with { EndPageHtmlRate = Number(key, value) },
                "endPageNoLinksRate" => faults with { EndPageNoLinksRate = Number(key, value) },
                "listingLagMs" => faults with { ListingLag = TimeSpan.FromMilliseconds(Number(key, value)) },
                "dropResponseRate" => faults with { DropResponseRate = Number(key, value) },
                "dropResponseEndpoints" => faults with { DropResponseEndpoints = Names(key, value) },
                _ => throw new FormatException($"unknown fault '{key}'"),
            };
        }

        return faults;
    }

    /// <summary>The <c>seed</c> of an update, when it has one: the fault rolls start again from it.</summary>
    public static int? Seed(JsonObject update)
    {
        ArgumentNullException.ThrowIfNull(update);
        return update.TryGetPropertyValue(SeedKey, out JsonNode? value)
            ? value?.GetValueKind() == JsonValueKind.Number ? value.GetValue<int>() : throw new FormatException($"'{SeedKey}' must be an integer")
            : null;
    }

    private static double Number(string key, JsonNode? value) =>
        value?.GetValueKind() == JsonValueKind.Number ? value.GetValue<double>() : throw new FormatException($"'{key}' must be a number");

    private static string[] Names(string key, JsonNode? value) =>
        value is JsonArray names && names.All(name => name?.GetValueKind() == JsonValueKind.String)
            ? names.Select(name => name!.GetValue<string>()).ToArray()
            : throw new FormatException($"'{key}' must be an array of endpoint names");
}
