namespace FsMount.Emulator.Hosting;

/// <summary>
/// Every setting the emulator reads from its command line, in the order the help lists them. The
/// parser refuses any other name (except configuration sections such as <c>Kestrel:...</c>), and the
/// CLI builds its help from this list, so the two cannot drift apart.
/// </summary>
public static class EmulatorSettings
{
    public static IReadOnlyList<EmulatorSetting> All { get; } =
    [
        new("data", "DIR", "Folder of the emulated account (SQLite metadata, file bodies, generated key)"),
        new("urls", "URLS", "Listen URLs (default http://127.0.0.1:0, a free loopback port)"),
        new("api-key", "KEY", "Key the emulator accepts (default: generated once, kept in DIR/api-key)"),
        new("public-url", "URL", "Scheme, host and port written into handed-out URLs (default: the bound address)"),
        new("limits", "strict|relaxed|off", "Preset for every limit below left unset (default strict: the service's limits)"),
        new("rate", "N", "Sustained API requests per second per caller IP (strict 3)"),
        new("burst", "N", "Requests above the rate a caller may send at once (strict 5)"),
        new("flood-lock", "DURATION", "Lock-out after exceeding the rate (strict 30s)"),
        new("flood-code", "374|412", "Code of flood answers (default 374)"),
        new("listing-interval", "DURATION", "Spacing of listings of one folder (strict 30s)"),
        new("any-listing-interval", "DURATION", "Spacing of any two listings (default 0: off)"),
        new("account-listing-interval", "DURATION", "Spacing of file/ls.cgi over the whole account (strict 1h)"),
        new("user-info-interval", "DURATION", "Spacing of user/info.cgi, answered #38 when too soon (strict 5m)"),
        new("listing-cap", "N", "Most entries one listing returns (default 5000)"),
        new("token-lifetime", "DURATION", "Time to first use a download token (default 5m)"),
        new("token-reuse-window", "DURATION", "How long a reusable token works after its first use (default 30m)"),
        new("single-use-tokens", "BOOL", "A single-use token serves exactly one HTTP request (default true)"),
        new("report-retention", "DURATION", "How long end.pl keeps an upload report (default 2h)"),
        new("max-file-size", "SIZE", "Largest uploaded file (default 300GB)"),
        new("max-upload-size", "SIZE", "Largest upload request (default 500GB)"),
        new("quota", "SIZE", "Account storage, enforced on upload (default 1TiB)"),
        new("names", "reject|accept", "Names with characters the service refuses (default reject)"),
        new("duplicate-folders", "BOOL", "Allow two sibling folders with one name (default false)"),
        new("require-json", "BOOL", "API calls must send Content-Type: application/json (default true)"),
        new("reject-quoted-boundary", "BOOL", "upload.cgi refuses a quoted multipart boundary, as the service does (default true)"),
        new("latency", "DURATION", "Fault: delay added before every answer (default 0)"),
        new("bandwidth", "RATE", "Fault: bytes/s per download or upload body, e.g. 200Mbit (default unlimited)"),
        new("bandwidth-total", "RATE", "Fault: bytes/s shared by all bodies (default unlimited)"),
        new("fail-rate", "P", "Fault: probability of an HTTP 503 instead of the answer (default 0)"),
        new("reset-rate", "P", "Fault: probability that a body is cut half-way (default 0)"),
        new("stall-rate", "P", "Fault: probability that a download stops sending half-way for --stall (default 0)"),
        new("stall", "DURATION", "Fault: how long a stalled download sends nothing (default 2m)"),
        new("html-rate", "P", "Fault: probability that end.pl answers HTML (default 0)"),
        new("no-links-rate", "P", "Fault: probability that end.pl answers no links (default 0)"),
        new("listing-lag", "DURATION", "Fault: new files appear in listings only after this (default 0)"),
        new("drop-response-rate", "P", "Fault: probability that a mutating call succeeds but loses its answer (default 0)"),
        new("drop-response-endpoints", "LIST", "Fault: comma-separated endpoints the drop applies to (default all mutating ones)"),
        new("fault-seed", "N", "Seed of every fault roll, to replay a run (default drawn at start, logged)"),
    ];

    /// <summary>
    /// Whether <paramref name="name"/> (without dashes) is a configuration section path such as
    /// <c>Kestrel:Certificates:Default:Path</c>, which ASP.NET Core reads itself.
    /// </summary>
    public static bool IsConfigurationPath(string name) => name.Contains(':', StringComparison.Ordinal);
}
