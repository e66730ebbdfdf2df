namespace FsMount.Emulator.Limits;

/// <summary>A classic token bucket: <c>rate</c> tokens per second, at most <c>burst</c> stored. Not thread-safe.</summary>
internal sealed class TokenBucket
{
    private readonly double _rate;
    private readonly int _burst;
    private double _tokens;
    private long _lastRefill;

    public TokenBucket(double rate, int burst, long now)
    {
        _rate = rate;
        _burst = burst;
        _tokens = burst;
        _lastRefill = now;
    }

    public bool TryTake(long now, TimeProvider time)
    {
        _tokens = Math.Min(_burst, _tokens + (time.GetElapsedTime(_lastRefill, now).TotalSeconds * _rate));
        _lastRefill = now;
        if (_tokens < 1)
        {
            return false;
        }

        _tokens -= 1;
        return true;
    }
}
