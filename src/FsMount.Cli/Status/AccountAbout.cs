using FsMount.Core.Metadata;

namespace FsMount.Cli.Status;

/// <summary>
/// The account's storage and subscription as last told by the service (<c>user/info.cgi</c>), at
/// <see cref="FetchedAt"/>: the answer to an <c>about</c> request and what <c>fsmount about</c> shows.
/// The sizes are null before the service ever answered; <see cref="Problem"/> says why the last ask failed.
/// </summary>
internal sealed record AccountAbout(
    string CacheDirectory,
    long? UsedBytes,
    long? QuotaBytes,
    long? FreeBytes,
    DateTimeOffset? SubscriptionEnd,
    DateTimeOffset? FetchedAt,
    string? Problem)
{
    public static AccountAbout From(AccountInfoReport report, string cacheDirectory)
    {
        ArgumentNullException.ThrowIfNull(report);
        var info = report.Info;
        return new AccountAbout(
            cacheDirectory,
            info?.UsedBytes,
            info?.TotalBytes,
            info is null ? null : Math.Max(0, info.TotalBytes - info.UsedBytes),
            info?.SubscriptionEnd,
            info is null ? null : report.FetchedAt,
            report.LastFailure?.Message);
    }
}
