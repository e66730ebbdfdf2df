using FsMount.Emulator.Admin;

namespace FsMount.Emulator.Faults;

/// <summary>
/// Puts a download or upload body under the fault plan: bandwidth, byte counting and, by the reset rate, a
/// connection reset half-way through the body that is counted, logged and aborts the request.
/// </summary>
internal sealed class FaultedBodies
{
    private readonly FaultPlan _faults;
    private readonly EmulatorStats _stats;
    private readonly ILogger<FaultedBodies> _logger;

    public FaultedBodies(FaultPlan faults, EmulatorStats stats, ILogger<FaultedBodies> logger)
    {
        _faults = faults;
        _stats = stats;
        _logger = logger;
    }

    /// <param name="length">The bytes the body is expected to carry (a reset or a stall comes after half of them).</param>
    /// <param name="canStall">Whether the body is a download (an upload's body is the client's to send; only downloads stall).</param>
    public ShapedReadStream Wrap(HttpContext context, Stream body, long length, Action<int> countBytes, bool canStall = false)
    {
        long resetAfter = _faults.Roll(_faults.Current.ResetRate) ? length / 2 : -1;
        long stallAfter = canStall && _faults.Roll(_faults.Current.StallRate) ? length / 2 : -1;
        return new ShapedReadStream(body, _faults, resetAfter, stallAfter, countBytes, () =>
        {
            _stats.AddReset();
            Log.InjectedReset(_logger, context.Request.Path);
            context.Abort();
        });
    }
}
