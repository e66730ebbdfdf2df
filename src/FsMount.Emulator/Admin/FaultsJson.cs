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

    /// <summary>Applies the keys present in <paramref name="update"/>; throws on an unknown key or a non-number (ranges are the plan's to check).</summary>
    public static EmulatorFaults Merge(EmulatorFaults faults, JsonObject update)
    {
        ArgumentNullException.ThrowIfNull(update);
        foreach ((string key, JsonNode? value) in update)
        {
            double number = value?.GetValueKind() == JsonValueKind.Number ? value.GetValue<double>() : throw new FormatException($"'{key}' must be a number");
            faults = key switch
            {
                "latencyMs" => faults with { Latency = TimeSpan.FromMilliseconds(number) },
                "bandwidthPerStream" => faults with { BandwidthPerStream = (long)number },
                "bandwidthTotal" => faults with { BandwidthTotal = (long)number },
                "serverErrorRate" => faults with { ServerErrorRate = number },
                "resetRate" => faults with { ResetRate = number },
                "endPageHtmlRate" => faults with { EndPageHtmlRate = number },
                "endPageNoLinksRate" => faults with { EndPageNoLinksRate = number },
                "listingLagMs" => faults with { ListingLag = TimeSpan.FromMilliseconds(number) },
                _ => throw new FormatException($"unknown fault '{key}'"),
            };
        }

        return faults;
    }
}
