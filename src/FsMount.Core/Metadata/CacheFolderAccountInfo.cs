using FsMount.Core.Persistence;
using FsMount.Core.Remote;
using Microsoft.Extensions.Logging;

namespace FsMount.Core.Metadata;

/// <summary>
/// The account's info for a command run without a mount: read from the account's cache folder, where
/// mounts and earlier commands keep the last answer and the time of the last ask, and asked of the
/// service only when that ask is older than the service's 5-minute rule; the answer is stored there
/// for the next command or mount. Holds the cache folder's lock meanwhile, as a mount does.
/// </summary>
public static class CacheFolderAccountInfo
{
    /// <exception cref="Errors.FsException">The cache folder is in use by a mount (ask that mount instead).</exception>
    public static async Task<AccountInfoReport> ReadAsync(
        string cacheDirectory, IRemoteDrive drive, TimeSpan cacheTime, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(drive);
        using var cacheLock = CacheFolder.Lock(cacheDirectory);
        using var database = new CacheDatabase(Path.Combine(cacheDirectory, CacheFolder.DatabaseName));
        await using var capacity = new CapacityCache(drive, new AccountInfoStore(database), time, cacheTime, logger, cancellationToken);
        return await capacity.GetReportAsync(cancellationToken).ConfigureAwait(false);
    }
}
