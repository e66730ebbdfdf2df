using System.Diagnostics;

namespace FsMount.Emulator.Faults;

/// <summary>
/// Spreads bytes over time at a given rate: each chunk reserves the next free slot of the link and waits until
/// its slot ends. Shared by all bodies for the total cap, or owned by one body for the per-stream cap.
/// </summary>
internal sealed class BandwidthPacer
{
    private readonly Lock _gate = new();
    private long _nextFreeTimestamp;

    public Task WaitAsync(int bytes, long bytesPerSecond, CancellationToken cancellationToken)
    {
        if (bytesPerSecond <= 0 || bytes <= 0)
        {
            return Task.CompletedTask;
        }

        long now = Stopwatch.GetTimestamp();
        long slot = (long)((double)bytes / bytesPerSecond * Stopwatch.Frequency);
        long slotEnd;
        lock (_gate)
        {
            // An idle link does not bank credit for later bursts.
            _nextFreeTimestamp = Math.Max(_nextFreeTimestamp, now) + slot;
            slotEnd = _nextFreeTimestamp;
        }

        TimeSpan wait = Stopwatch.GetElapsedTime(now, slotEnd);
        return wait > TimeSpan.FromMilliseconds(1) ? Task.Delay(wait, cancellationToken) : Task.CompletedTask;
    }
}
