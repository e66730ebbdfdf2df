using System.Collections.Concurrent;
using FsMount.Emulator.Wire;

namespace FsMount.Emulator.Limits;

/// <summary>
/// The service's flood protection: a request rate per caller IP that, once exceeded, locks the caller out of the
/// whole API for a while; spacing rules for listings and <c>user/info.cgi</c> answer a flood error without a lock.
/// </summary>
internal sealed class FloodGuard
{
    private readonly LimitSettings _settings;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, TokenBucket> _buckets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lockedUntil = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _lastCall = new(StringComparer.Ordinal);
    private DateTimeOffset _lastListing = DateTimeOffset.MinValue;

    private readonly ApiError _flood;

    public FloodGuard(LimitSettings settings, TimeProvider time)
    {
        _settings = settings;
        _time = time;
        _flood = ApiError.Flood with { Code = settings.FloodErrorCode };
    }

    public LimitSettings Settings => _settings;

    /// <summary>Admits one API request of <paramref name="caller"/>, or names the flood error to answer.</summary>
    public ApiError? Admit(string caller)
    {
        // A lock forced through the admin API holds even when limits are off.
        if (_lockedUntil.TryGetValue(caller, out DateTimeOffset until) && until > _time.GetUtcNow())
        {
            return _flood;
        }

        if (!_settings.Enabled)
        {
            return null;
        }

        TokenBucket bucket = _buckets.GetOrAdd(caller, _ => new TokenBucket(_settings.RequestsPerSecond, _settings.RequestBurst, _time.GetTimestamp()));
        bool admitted;
        lock (bucket)
        {
            admitted = bucket.TryTake(_time.GetTimestamp(), _time);
        }

        if (admitted)
        {
            return null;
        }

        Lock(caller, _settings.FloodLockDuration);
        return _flood;
    }

    /// <summary>Locks <paramref name="caller"/> out for <paramref name="duration"/>; zero or less lifts a lock.</summary>
    public void Lock(string caller, TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            _lockedUntil.TryRemove(caller, out _);
            return;
        }

        _lockedUntil[caller] = _time.GetUtcNow() + duration;
    }

    /// <summary>Current lock-outs and their end, for the admin API.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> ActiveLocks()
    {
        DateTimeOffset now = _time.GetUtcNow();
        return _lockedUntil.Where(pair => pair.Value > now).ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
    }

    /// <summary>Enforces the spacing of listings of one folder by one endpoint (and between any two listings).</summary>
    public ApiError? AdmitListing(string endpoint, long folderId)
    {
        TimeSpan interval = folderId == -1 ? _settings.AccountListingInterval : _settings.FolderListingInterval;
        string key = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{endpoint}:{folderId}");
        lock (_lastCall)
        {
            DateTimeOffset now = _time.GetUtcNow();
            if (_settings.Enabled && now - _lastListing < _settings.AnyListingInterval)
            {
                return _flood;
            }

            ApiError? refused = AdmitSpaced(key, interval, now, _flood);
            if (refused is null)
            {
                _lastListing = now;
            }

            return refused;
        }
    }

    /// <summary>Enforces the spacing of <c>user/info.cgi</c> calls (<c>#38</c>, other calls keep working).</summary>
    public ApiError? AdmitUserInfo()
    {
        lock (_lastCall)
        {
            return AdmitSpaced("user/info", _settings.UserInfoInterval, _time.GetUtcNow(), ApiError.UserInfoFlood);
        }
    }

    private ApiError? AdmitSpaced(string key, TimeSpan interval, DateTimeOffset now, ApiError error)
    {
        if (!_settings.Enabled)
        {
            return null;
        }

        if (_lastCall.TryGetValue(key, out DateTimeOffset last) && now - last < interval)
        {
            return error;
        }

        _lastCall[key] = now;
        return null;
    }
}
