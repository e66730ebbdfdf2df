namespace FsMount.Emulator;

/// <summary>Which preset of service limits the emulator enforces.</summary>
public enum EmulatorLimitsMode
{
    /// <summary>The service's documented values (3 requests/s, one listing per folder per 30 s, ...).</summary>
    Strict,

    /// <summary>Every check stays on, at generous values, so fast tests still exercise the paths.</summary>
    Relaxed,

    /// <summary>No rate, listing, user-info or flood checks at all.</summary>
    Off,
}
