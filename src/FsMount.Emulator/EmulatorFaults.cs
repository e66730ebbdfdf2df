namespace FsMount.Emulator;

/// <summary>Network shape and failure injection; every value is off (zero) by default.</summary>
public sealed record EmulatorFaults
{
    /// <summary>Delay added before every request is answered.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>Bytes per second for one download or upload body; 0 = unlimited.</summary>
    public long BandwidthPerStream { get; init; }

    /// <summary>Bytes per second shared by all download and upload bodies; 0 = unlimited.</summary>
    public long BandwidthTotal { get; init; }

    /// <summary>Probability (0..1) that a request is answered with an HTTP 5xx instead.</summary>
    public double ServerErrorRate { get; init; }

    /// <summary>Probability (0..1) that a download or upload body is cut by a connection reset part-way.</summary>
    public double ResetRate { get; init; }

    /// <summary>Probability (0..1) that a download body stops sending half-way for <see cref="StallDuration"/> (the connection stays open).</summary>
    public double StallRate { get; init; }

    /// <summary>How long a stalled download body sends nothing before it goes on.</summary>
    public TimeSpan StallDuration { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Probability (0..1) that <c>end.pl</c> answers HTML even when JSON is asked.</summary>
    public double EndPageHtmlRate { get; init; }

    /// <summary>Probability (0..1) that <c>end.pl</c> answers an empty <c>links</c> list.</summary>
    public double EndPageNoLinksRate { get; init; }

    /// <summary>A new file appears in listings only this long after it was stored (info and tokens work at once).</summary>
    public TimeSpan ListingLag { get; init; }

    /// <summary>
    /// Probability (0..1) that a mutating call that succeeded loses its answer: the change is committed, then
    /// the connection is aborted instead of answering. Calls that fail (a KO, a 4xx) are always answered.
    /// </summary>
    public double DropResponseRate { get; init; }

    /// <summary>
    /// The mutating endpoints <see cref="DropResponseRate"/> applies to, by name (<c>folder/mkdir.cgi</c>,
    /// <c>upload.cgi</c>, …); empty means all of them.
    /// </summary>
    public IReadOnlyList<string> DropResponseEndpoints { get; init; } = [];
}
