using Microsoft.Extensions.Configuration;

namespace FsMount.Emulator.Hosting;

/// <summary>
/// Reads <see cref="EmulatorOptions"/> from the standard ASP.NET Core configuration (command line, environment,
/// appsettings), where <c>--data DIR</c> is the key <c>data</c>. Unknown command-line options are refused.
/// </summary>
internal static class EmulatorCommandLine
{
    // Host settings ASP.NET Core reads beside the emulator's own (EmulatorSettings lists "urls" too).
    private static readonly HashSet<string> s_keys = new(
        EmulatorSettings.All.Select(setting => setting.Name).Concat(["environment", "contentRoot", "applicationName"]),
        StringComparer.OrdinalIgnoreCase);

    public static EmulatorOptions Parse(IReadOnlyList<string> args, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(configuration);
        // As the configuration's command-line provider reads them: a key, then its value unless it holds '='.
        for (int index = 0; index < args.Count; index++)
        {
            string arg = args[index];
            string name = arg.TrimStart('-', '/').Split('=')[0];
            if (!s_keys.Contains(name) && !EmulatorSettings.IsConfigurationPath(name))
            {
                throw new FormatException($"unknown option '{arg}'");
            }

            if (!arg.Contains('=', StringComparison.Ordinal))
            {
                index++;
            }
        }

        string data = configuration["data"] is { Length: > 0 } dataDirectory ? dataDirectory : throw new FormatException("--data DIR is required");
        string? publicUrl = configuration["public-url"];
        if (publicUrl is not null && !(Uri.TryCreate(publicUrl, UriKind.Absolute, out Uri? uri) && uri.Scheme is "http" or "https"))
        {
            throw new FormatException($"--public-url: '{publicUrl}' is not an http(s) URL");
        }

        var defaults = new EmulatorOptions { DataDirectory = data };
        return new EmulatorOptions
        {
            DataDirectory = Path.GetFullPath(data),
            ApiKey = configuration["api-key"] is { Length: > 0 } key ? key : null,
            PublicUrl = publicUrl,
            Limits = Read(configuration, "limits", OptionValues.Choice<EmulatorLimitsMode>, defaults.Limits),
            RequestsPerSecond = ReadOptional(configuration, "rate", OptionValues.PositiveNumber),
            RequestBurst = ReadOptional(configuration, "burst", OptionValues.PositiveWholeNumber),
            FloodLockDuration = ReadOptional(configuration, "flood-lock", OptionValues.Duration),
            FloodErrorCode = Read(configuration, "flood-code", (k, v) => OptionValues.OneOf(k, v, 374, 412), defaults.FloodErrorCode),
            FolderListingInterval = ReadOptional(configuration, "listing-interval", OptionValues.Duration),
            AnyListingInterval = ReadOptional(configuration, "any-listing-interval", OptionValues.Duration),
            AccountListingInterval = ReadOptional(configuration, "account-listing-interval", OptionValues.Duration),
            UserInfoInterval = ReadOptional(configuration, "user-info-interval", OptionValues.Duration),
            ListingCap = ReadOptional(configuration, "listing-cap", OptionValues.PositiveWholeNumber),
            TokenLifetime = ReadOptional(configuration, "token-lifetime", OptionValues.Duration),
            TokenReuseWindow = ReadOptional(configuration, "token-reuse-window", OptionValues.Duration),
            SingleUseTokens = Read(configuration, "single-use-tokens", OptionValues.Boolean, defaults.SingleUseTokens),
            UploadReportRetention = Read(configuration, "report-retention", OptionValues.Duration, defaults.UploadReportRetention),
            MaxFileSize = Read(configuration, "max-file-size", (k, v) => OptionValues.Size(k, v), defaults.MaxFileSize),
            MaxUploadRequestSize = Read(configuration, "max-upload-size", (k, v) => OptionValues.Size(k, v), defaults.MaxUploadRequestSize),
            StorageQuota = Read(configuration, "quota", (k, v) => OptionValues.Size(k, v), defaults.StorageQuota),
            ForbiddenNames = Read(configuration, "names", OptionValues.Choice<ForbiddenNameHandling>, defaults.ForbiddenNames),
            AllowDuplicateFolderNames = Read(configuration, "duplicate-folders", OptionValues.Boolean, defaults.AllowDuplicateFolderNames),
            RequireJsonContentType = Read(configuration, "require-json", OptionValues.Boolean, defaults.RequireJsonContentType),
            RejectQuotedBoundary = Read(configuration, "reject-quoted-boundary", OptionValues.Boolean, defaults.RejectQuotedBoundary),
            Faults = new EmulatorFaults
            {
                Latency = Read(configuration, "latency", OptionValues.Duration, TimeSpan.Zero),
                BandwidthPerStream = Read(configuration, "bandwidth", OptionValues.Bandwidth, 0),
                BandwidthTotal = Read(configuration, "bandwidth-total", OptionValues.Bandwidth, 0),
                ServerErrorRate = Read(configuration, "fail-rate", OptionValues.Probability, 0),
                ResetRate = Read(configuration, "reset-rate", OptionValues.Probability, 0),
                StallRate = Read(configuration, "stall-rate", OptionValues.Probability, 0),
                StallDuration = Read(configuration, "stall", OptionValues.Duration, TimeSpan.FromMinutes(2)),
                EndPageHtmlRate = Read(configuration, "html-rate", OptionValues.Probability, 0),
                EndPageNoLinksRate = Read(configuration, "no-links-rate", OptionValues.Probability, 0),
                ListingLag = Read(configuration, "listing-lag", OptionValues.Duration, TimeSpan.Zero),
                DropResponseRate = Read(configuration, "drop-response-rate", OptionValues.Probability, 0),
                DropResponseEndpoints = Read(configuration, "drop-response-endpoints", OptionValues.List, []),
            },
            FaultSeed = ReadOptional(configuration, "fault-seed", OptionValues.WholeNumber),
        };
    }

    private static T Read<T>(IConfiguration configuration, string key, Func<string, string, T> parse, T fallback) =>
        configuration[key] is { Length: > 0 } text ? parse(key, text) : fallback;

    private static T? ReadOptional<T>(IConfiguration configuration, string key, Func<string, string, T> parse)
        where T : struct =>
        configuration[key] is { Length: > 0 } text ? parse(key, text) : null;
}
