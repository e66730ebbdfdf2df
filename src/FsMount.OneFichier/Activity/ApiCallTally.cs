namespace FsMount.OneFichier.Activity;

/// <summary>
/// API calls per endpoint over the last <see cref="Minutes"/> minutes, in one bucket per minute: a few
/// counters per endpoint, updated under a lock that no one holds for longer than a loop over them.
/// </summary>
internal sealed class ApiCallTally
{
    public const int Minutes = 5;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Buckets> _byEndpoint = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public ApiCallTally(TimeProvider time)
    {
        _time = time;
    }

    public void Record(string endpoint, bool failed)
    {
        var minute = CurrentMinute();
        lock (_gate)
        {
            if (!_byEndpoint.TryGetValue(endpoint, out var buckets))
            {
                buckets = _byEndpoint[endpoint] = new Buckets();
            }

            var slot = (int)(minute % Minutes);
            if (buckets.MinuteOf[slot] != minute)
            {
                buckets.MinuteOf[slot] = minute;
                buckets.Calls[slot] = 0;
                buckets.Failures[slot] = 0;
            }

            buckets.Calls[slot]++;
            if (failed)
            {
                buckets.Failures[slot]++;
            }
        }
    }

    public IReadOnlyList<EndpointCalls> Snapshot()
    {
        var oldest = CurrentMinute() - Minutes + 1;
        var counts = new List<EndpointCalls>();
        lock (_gate)
        {
            foreach (var (endpoint, buckets) in _byEndpoint)
            {
                long calls = 0;
                long failures = 0;
                for (var slot = 0; slot < Minutes; slot++)
                {
                    if (buckets.MinuteOf[slot] >= oldest)
                    {
                        calls += buckets.Calls[slot];
                        failures += buckets.Failures[slot];
                    }
                }

                if (calls > 0)
                {
                    counts.Add(new EndpointCalls(endpoint, calls, failures));
                }
            }
        }

        return [.. counts.OrderByDescending(count => count.Calls).ThenBy(count => count.Endpoint, StringComparer.Ordinal)];
    }

    private long CurrentMinute() => _time.GetUtcNow().ToUnixTimeSeconds() / 60;

    private sealed class Buckets
    {
        public long[] MinuteOf { get; } = Enumerable.Repeat(-1L, Minutes).ToArray();

        public long[] Calls { get; } = new long[Minutes];

        public long[] Failures { get; } = new long[Minutes];
    }
}
