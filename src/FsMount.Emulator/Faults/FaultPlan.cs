namespace FsMount.Emulator.Faults;

/// <summary>
/// The faults in force (replaced as a whole; the admin API merges partial updates first) and the one seeded
/// PRNG that every fault roll draws from, so that a run can be replayed from its seed.
/// </summary>
internal sealed class FaultPlan
{
    private readonly Lock _randomGate = new();
    private EmulatorFaults _current;
    private Random _random;
    private int _seed;

    public FaultPlan(EmulatorFaults initial, int seed)
    {
        _current = Validated(initial);
        _seed = seed;
        _random = new Random(seed);
        TotalBandwidth = new BandwidthPacer();
    }

    public EmulatorFaults Current => Volatile.Read(ref _current);

    /// <summary>The seed the fault rolls were last started from.</summary>
    public int Seed
    {
        get
        {
            lock (_randomGate)
            {
                return _seed;
            }
        }
    }

    /// <summary>The pacer shared by every body, for <see cref="EmulatorFaults.BandwidthTotal"/>.</summary>
    public BandwidthPacer TotalBandwidth { get; }

    /// <exception cref="ArgumentException">A value is negative, a probability is outside 0..1 or an endpoint is unknown.</exception>
    public void Replace(EmulatorFaults faults) => Volatile.Write(ref _current, Validated(faults));

    /// <summary>Starts the sequence of fault rolls again from <paramref name="seed"/>.</summary>
    public void Reseed(int seed)
    {
        lock (_randomGate)
        {
            _seed = seed;
            _random = new Random(seed);
        }
    }

    /// <summary>
    /// True with the given probability. A fault that is off draws nothing, so a run replays from its seed as long as
    /// the same faults meet the same requests in the same order. Fault injection, not security: a plain PRNG.
    /// </summary>
    public bool Roll(double probability)
    {
        if (probability <= 0)
        {
            return false;
        }

        lock (_randomGate)
        {
            return _random.NextDouble() < probability;
        }
    }

    private static EmulatorFaults Validated(EmulatorFaults faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        ArgumentNullException.ThrowIfNull(faults.DropResponseEndpoints);
        string? invalid =
            faults.Latency < TimeSpan.Zero ? "latency" :
            faults.StallDuration < TimeSpan.Zero ? "stall duration" :
            !IsProbability(faults.StallRate) ? "stall rate" :
            faults.ListingLag < TimeSpan.Zero ? "listing lag" :
            faults.BandwidthPerStream < 0 || faults.BandwidthTotal < 0 ? "bandwidth" :
            !IsProbability(faults.ServerErrorRate) ? "server error rate" :
            !IsProbability(faults.ResetRate) ? "reset rate" :
            !IsProbability(faults.EndPageHtmlRate) ? "end page HTML rate" :
            !IsProbability(faults.EndPageNoLinksRate) ? "end page no-links rate" :
            !IsProbability(faults.DropResponseRate) ? "drop response rate" :
            null;
        if (invalid is not null)
        {
            throw new ArgumentException($"The {invalid} is out of range.", nameof(faults));
        }

        // A misspelt endpoint would silently drop nothing, and a test built on it would test nothing.
        if (faults.DropResponseEndpoints.FirstOrDefault(name => !DroppableEndpoints.Names.Contains(name)) is { } unknown)
        {
            throw new ArgumentException(
                $"'{unknown}' is not an endpoint whose answer can be dropped (one of {string.Join(", ", DroppableEndpoints.Names.Order(StringComparer.Ordinal))}).",
                nameof(faults));
        }

        return faults;
    }

    private static bool IsProbability(double value) => value is >= 0 and <= 1;
}
