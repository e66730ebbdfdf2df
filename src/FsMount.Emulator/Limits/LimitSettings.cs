namespace FsMount.Emulator.Limits;

/// <summary>The limits in force, resolved once from the preset and the individual overrides.</summary>
internal sealed record LimitSettings(
    bool Enabled,
    double RequestsPerSecond,
    int RequestBurst,
    TimeSpan FloodLockDuration,
    TimeSpan FolderListingInterval,
    TimeSpan AnyListingInterval,
    TimeSpan AccountListingInterval,
    TimeSpan UserInfoInterval,
    int ListingCap,
    TimeSpan TokenLifetime,
    TimeSpan TokenReuseWindow,
    int FloodErrorCode)
{
    // Documented values: 3 calls/s, 1 listing per folder per 30 s, 5 000 results, account listing 1/h,
    // user/info 1 per 5 min, tokens 5 min ("recovery allowed for 30 minutes"). The lock duration is not
    // documented; 30 s matches rclone's sleep after a flood answer.
    private static readonly LimitSettings s_strict = new(
        true, 3, 5, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30), TimeSpan.Zero, TimeSpan.FromHours(1),
        TimeSpan.FromMinutes(5), 5_000, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), 374);

    private static readonly LimitSettings s_relaxed = s_strict with
    {
        RequestsPerSecond = 1_000,
        RequestBurst = 1_000,
        FloodLockDuration = TimeSpan.FromSeconds(2),
        FolderListingInterval = TimeSpan.FromSeconds(0.2),
        AccountListingInterval = TimeSpan.FromSeconds(1),
        UserInfoInterval = TimeSpan.FromSeconds(1),
    };

    public static LimitSettings From(EmulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        LimitSettings preset = options.Limits switch
        {
            EmulatorLimitsMode.Relaxed => s_relaxed,
            EmulatorLimitsMode.Off => s_relaxed with { Enabled = false, ListingCap = int.MaxValue },
            _ => s_strict,
        };
        LimitSettings resolved = preset with
        {
            RequestsPerSecond = options.RequestsPerSecond ?? preset.RequestsPerSecond,
            RequestBurst = options.RequestBurst ?? preset.RequestBurst,
            FloodLockDuration = options.FloodLockDuration ?? preset.FloodLockDuration,
            FolderListingInterval = options.FolderListingInterval ?? preset.FolderListingInterval,
            AnyListingInterval = options.AnyListingInterval ?? preset.AnyListingInterval,
            AccountListingInterval = options.AccountListingInterval ?? preset.AccountListingInterval,
            UserInfoInterval = options.UserInfoInterval ?? preset.UserInfoInterval,
            ListingCap = options.ListingCap ?? preset.ListingCap,
            TokenLifetime = options.TokenLifetime ?? preset.TokenLifetime,
            TokenReuseWindow = options.TokenReuseWindow ?? preset.TokenReuseWindow,
            FloodErrorCode = options.FloodErrorCode,
        };
        if (resolved.RequestsPerSecond <= 0 || resolved.RequestBurst < 1 || resolved.ListingCap < 1)
        {
            throw new ArgumentException("Rate, burst and listing cap must be positive.", nameof(options));
        }

        if (resolved.FloodErrorCode is not (374 or 412))
        {
            throw new ArgumentException("The flood error code is 374 or 412.", nameof(options));
        }

        return resolved;
    }
}
