using System.Text.Json;
using System.Text.Json.Nodes;

namespace FsMount.Emulator.Admin;

/// <summary>The admin API's JSON form of the fault plan: durations in milliseconds, bandwidth in bytes/s, rates 0..1.</summary>
internal static class FaultsJson
{
    public static JsonObject ToJson(EmulatorFaults faults) => new()
    {
        ["latencyMs"] = faults.Latency.TotalMilliseconds,
        ["bandwidthPerStream"] = faults.BandwidthPerStream,
        ["bandwidthTotal"] = faults.BandwidthTotal,
        ["serverErrorRate"] = faults.ServerErrorRate,
        ["resetRate"] = faults.ResetRate,
        ["endPageHtmlRate"] = faults.EndPageHtmlRate,
        ["endPageNoLinksRate"] = faults.EndPageNoLinksRate,
        ["listingLagMs"] = faults.ListingLag.TotalMilliseconds,
    };

    /// <summary>Applies the keys present in <paramref name="update"/>; throws on an unknown key or a bad value.</summary>
    public static EmulatorFaults Merge(EmulatorFaults faults, JsonObject update)
    {
        ArgumentNullException.ThrowIfNull(update);
        foreach ((string key, JsonNode? value) in update)
        {
            double number = value?.GetValueKind() == JsonValueKind.Number ? value.GetValue<double>() : throw new FormatException($"'{key}' must be a number");
            faults = key switch
            {
                "latencyMs" => faults with { Latency = TimeSpan.FromMilliseconds(NonNegative(key, number)) },
                "bandwidthPerStream" => faults with { BandwidthPerStream = (long)NonNegative(key, number) },
                "bandwidthTotal" => faults with { BandwidthTotal = (long)NonNegative(key, number) },
                "serverErrorRate" => faults with { ServerErrorRate = Probability(key, number) },
                "resetRate" => faults with { ResetRate = Probability(key, number) },
                "endPageHtmlRate" => faults with { EndPageHtmlRate = Probability(key, number) },
                "endPageNoLinksRate" => faults with { EndPageNoLinksRate = Probability(key, number) },
                "listingLagMs" => faults with { ListingLag = TimeSpan.FromMilliseconds(NonNegative(key, number)) },
                _ => throw new FormatException($"unknown fault '{key}'"),
            };
        }

        return faults;
    }

    private static double NonNegative(string key, double value) => value >= 0 ? value : throw new FormatException($"'{key}' must not be negative");

    private static double Probability(string key, double value) => value is >= 0 and <= 1 ? value : throw new FormatException($"'{key}' must be between 0 and 1");
}
