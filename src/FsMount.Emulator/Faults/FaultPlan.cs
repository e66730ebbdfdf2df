namespace FsMount.Emulator.Faults;

/// <summary>The faults in force; replaced as a whole (the admin API merges partial updates first).</summary>
internal sealed class FaultPlan
{
    private EmulatorFaults _current;

    public FaultPlan(EmulatorFaults initial)
    {
        _current = Validated(initial);
        TotalBandwidth = new BandwidthPacer();
    }

    public EmulatorFaults Current => Volatile.Read(ref _current);

    /// <summary>The pacer shared by every body, for <see cref="EmulatorFaults.BandwidthTotal"/>.</summary>
    public BandwidthPacer TotalBandwidth { get; }

    /// <exception cref="ArgumentException">A value is negative or a probability is outside 0..1.</exception>
    public void Replace(EmulatorFaults faults) => Volatile.Write(ref _current, Validated(faults));

    /// <summary>True with the given probability; fault injection, not security, hence the shared PRNG.</summary>
    public static bool Roll(double probability) =>
        probability > 0 && Random.Shared.NextDouble() < probability;

    private static EmulatorFaults Validated(EmulatorFaults faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        string? invalid =
            faults.Latency < TimeSpan.Zero ? "latency" :
            faults.ListingLag < TimeSpan.Zero ? "listing lag" :
            faults.BandwidthPerStream < 0 || faults.BandwidthTotal < 0 ? "bandwidth" :
            !IsProbability(faults.ServerErrorRate) ? "server error rate" :
            !IsProbability(faults.ResetRate) ? "reset rate" :
            !IsProbability(faults.EndPageHtmlRate) ? "end page HTML rate" :
            !IsProbability(faults.EndPageNoLinksRate) ? "end page no-links rate" :
            null;
        return invalid is null ? faults : throw new ArgumentException($"The {invalid} is out of range.", nameof(faults));
    }

    private static bool IsProbability(double value) => value is >= 0 and <= 1;
}
