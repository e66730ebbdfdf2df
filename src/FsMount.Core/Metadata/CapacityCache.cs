using System.Runtime.CompilerServices;
using FsMount.Core.Errors;
using FsMount.Core.Remote;
using FsMount.Core.Vfs;
using Microsoft.Extensions.Logging;

namespace FsMount.Core.Metadata;

/// <summary>
/// The account's capacity for statfs, asked of the service at most once per
/// <see cref="FsMountOptions.StatisticsCacheTime"/>. A failed ask counts too: the service counts it.
/// When the service has never answered, a large capacity is reported, so <c>df</c> and copy tools
/// keep working.
/// </summary>
internal sealed class CapacityCache : IDisposable
{
    // 1 PiB: large enough that no tool refuses a copy for lack of space we cannot see.
    private static readonly FileSystemStatistics s_unknown = new(1L << 50, 1L << 50);

    private readonly IRemoteDrive _drive;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _cacheTime;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile StrongBox<FileSystemStatistics>? _last;
    private DateTimeOffset _nextAskAt = DateTimeOffset.MinValue;

    public CapacityCache(IRemoteDrive drive, TimeProvider timeProvider, TimeSpan cacheTime, ILogger logger)
    {
        _drive = drive;
        _timeProvider = timeProvider;
        _cacheTime = cacheTime;
        _logger = logger;
    }

    /// <summary>The capacity the service last reported, without asking it (null before its first answer).</summary>
    public FileSystemStatistics? LastKnown => _last?.Value;

    public async ValueTask<FileSystemStatistics> GetAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = _timeProvider.GetUtcNow();
            if (now < _nextAskAt)
            {
                return _last?.Value ?? s_unknown;
            }

            _nextAskAt = now + _cacheTime;
            try
            {
                var info = await _drive.GetAccountInfoAsync(cancellationToken);
                Log.AccountInfoFetched(_logger, info.UsedBytes, info.TotalBytes);
                _last = new StrongBox<FileSystemStatistics>(info.TotalBytes > 0
                    ? new FileSystemStatistics(info.TotalBytes, Math.Max(0, info.TotalBytes - info.UsedBytes))
                    : s_unknown);
            }
            catch (FsException ex)
            {
                Log.AccountInfoFailed(_logger, ex);
            }

            return _last?.Value ?? s_unknown;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
