using Microsoft.Extensions.Logging;

namespace FsMount.Emulator;

/// <summary>
/// Start-up settings of the emulator. Limit settings left null take the value of the <see cref="Limits"/> preset;
/// fault settings are the initial fault plan, which the admin API can change at run time.
/// </summary>
public sealed class EmulatorOptions
{
    /// <summary>Folder holding the SQLite metadata, the file bodies and the generated key. Required.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The account's API key; when null, one is generated once and kept in <c>DataDirectory/api-key</c>.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Kestrel bindings (semicolon-separated); port 0 picks a free port.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:0";

    /// <summary>Base of file URLs, download URLs and the upload host; defaults to the bound address.</summary>
    public string? PublicUrl { get; init; }

    /// <summary>Preset for every limit below that is left null.</summary>
    public EmulatorLimitsMode Limits { get; init; } = EmulatorLimitsMode.Strict;

    /// <summary>Sustained API requests per second per caller IP (Strict 3, Relaxed 1000).</summary>
    public double? RequestsPerSecond { get; init; }

    /// <summary>Requests a caller may send at once above the sustained rate (Strict 5, Relaxed 1000).</summary>
    public int? RequestBurst { get; init; }

    /// <summary>How long a caller that exceeded the rate gets <c>#374</c> on every API request (Strict 30 s, Relaxed 2 s).</summary>
    public TimeSpan? FloodLockDuration { get; init; }

    /// <summary>The code of flood answers: 374 (default) or 412, which the service started using in 2024 for the same condition.</summary>
    public int FloodErrorCode { get; init; } = 374;

    /// <summary>Minimum time between two listings of one folder by one endpoint (Strict 30 s, Relaxed 0.2 s).</summary>
    public TimeSpan? FolderListingInterval { get; init; }

    /// <summary>Minimum time between any two listings (Strict 0: only reported by users, not documented; Relaxed 0).</summary>
    public TimeSpan? AnyListingInterval { get; init; }

    /// <summary>Minimum time between two whole-account listings, <c>file/ls.cgi</c> with folder -1 (Strict 1 h, Relaxed 1 s).</summary>
    public TimeSpan? AccountListingInterval { get; init; }

    /// <summary>Minimum time between two <c>user/info.cgi</c> calls (Strict 5 min, Relaxed 1 s); else <c>#38</c>.</summary>
    public TimeSpan? UserInfoInterval { get; init; }

    /// <summary>Most entries one listing returns (Strict 5 000, Relaxed 5 000).</summary>
    public int? ListingCap { get; init; }

    /// <summary>How long a download token may be first used (Strict and Relaxed 5 min).</summary>
    public TimeSpan? TokenLifetime { get; init; }

    /// <summary>How long a reusable token (<c>single</c> 0) keeps working after its first use (30 min).</summary>
    public TimeSpan? TokenReuseWindow { get; init; }

    /// <summary>When true (default), a token asked with <c>single: 1</c> serves exactly one HTTP request.</summary>
    public bool SingleUseTokens { get; init; } = true;

    /// <summary>How long an upload report stays readable at <c>end.pl</c> (2 h).</summary>
    public TimeSpan UploadReportRetention { get; init; } = TimeSpan.FromHours(2);

    /// <summary>Largest single uploaded file in bytes (300 000 000 000).</summary>
    public long MaxFileSize { get; init; } = 300_000_000_000;

    /// <summary>Largest upload request body in bytes (500 000 000 000).</summary>
    public long MaxUploadRequestSize { get; init; } = 500_000_000_000;

    /// <summary>Account storage reported by <c>user/info.cgi</c> and enforced on upload (1 TiB).</summary>
    public long StorageQuota { get; init; } = 1L << 40;

    /// <summary>What happens to names with characters the service refuses (Reject).</summary>
    public ForbiddenNameHandling ForbiddenNames { get; init; } = ForbiddenNameHandling.Reject;

    /// <summary>When false (default), <c>folder/mkdir.cgi</c> and <c>folder/mv.cgi</c> refuse a name already used by a sibling folder.</summary>
    public bool AllowDuplicateFolderNames { get; init; }

    /// <summary>When true (default), API requests must carry <c>Content-Type: application/json</c>, as the service needs.</summary>
    public bool RequireJsonContentType { get; init; } = true;

    /// <summary>
    /// When true (default), <c>upload.cgi</c> refuses a quoted multipart boundary (<c>boundary="…"</c>, what HttpClient
    /// sends by default), which the service does not parse (1fichier.SDK's finding).
    /// </summary>
    public bool RejectQuotedBoundary { get; init; } = true;

    /// <summary>Initial fault plan; all faults are off by default.</summary>
    public EmulatorFaults Faults { get; init; } = new();

    /// <summary>
    /// Seed of the one PRNG every fault roll draws from; the same seed, faults and sequence of requests give the same
    /// faults. When null one is drawn at start and logged with the listening line.
    /// </summary>
    public int? FaultSeed { get; init; }

    /// <summary>The clock of every limit, token, report and date (tests pass a fake one); delays of the fault plan run in real time.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where the in-process server logs; when null, <see cref="EmulatorServer.StartAsync"/> logs nowhere.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}
