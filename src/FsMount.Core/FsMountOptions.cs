namespace FsMount.Core;

/// <summary>
/// Tuning of the mounted file system. Defaults suit a media library on a 1fichier account; the
/// validator (<see cref="FsMountOptionsValidator"/>) rejects values that would break the service's
/// limits or the read path.
/// </summary>
public sealed class FsMountOptions
{
    /// <summary>
    /// How long a folder listing serves lookups, attributes and directory reads before the folder is
    /// listed again. The service allows one listing per folder per 30 s, so this must not be shorter.
    /// </summary>
    public TimeSpan DirectoryCacheTime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long the account's capacity (statfs) is reused. The service locks out a user who asks more
    /// often than once per 5 minutes, so this must be at least that.
    /// </summary>
    public TimeSpan StatisticsCacheTime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Length of the first ranged request after an open or a seek. A seek abandons the rest of the range,
    /// and the download host has usually sent it already (HTTP drains up to 1 MiB of an abandoned response
    /// to keep the connection), so this bounds what a media scanner's head or tail read downloads in vain.
    /// One maximal kernel READ (1 MiB) fits; sequential reads then grow the window quickly.
    /// </summary>
    public int ReadWindowBytes { get; set; } = 1024 * 1024;

    /// <summary>The window doubles while reads stay sequential, up to this length.</summary>
    public int MaxReadWindowBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>
    /// A forward jump up to this distance reads through the open range instead of opening a new one:
    /// reading 1 MiB costs less than a new request's round trip.
    /// </summary>
    public int MaxForwardSkipBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Bytes most recently read that each open handle keeps, so reads the kernel sends in parallel
    /// and that arrive out of order are served from memory instead of a new ranged request.
    /// </summary>
    public int ReadBufferBytes { get; set; } = 2 * 1024 * 1024;
}
