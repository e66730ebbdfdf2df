namespace FsMount.Emulator.Faults;

/// <summary>The faults in force; replaced as a whole (the admin API merges partial updates first).</summary>
internal sealed class FaultPlan
{
    private EmulatorFaults _current;

    public FaultPlan(EmulatorFaults initial)
    {
        _current = initial;
        TotalBandwidth = new BandwidthPacer();
    }

    public EmulatorFaults Current => Volatile.Read(ref _current);

    /// <summary>The pacer shared by every body, for <see cref="EmulatorFaults.BandwidthTotal"/>.</summary>
    public BandwidthPacer TotalBandwidth { get; }

    public void Replace(EmulatorFaults faults) => Volatile.Write(ref _current, faults ?? throw new ArgumentNullException(nameof(faults)));

    /// <summary>True with the given probability; fault injection, not security, hence the shared PRNG.</summary>
    public static bool Roll(double probability) =>
#pragma warning disable CA5394 // Fault injection needs no cryptographic randomness.
        probability > 0 && Random.Shared.NextDouble() < probability;
#pragma warning restore CA5394
}
