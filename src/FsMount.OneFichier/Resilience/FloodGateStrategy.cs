using FsMount.OneFichier.Errors;
using Microsoft.Extensions.Logging;
using Polly;

namespace FsMount.OneFichier.Resilience;

/// <summary>
/// Makes every attempt wait at the <see cref="FloodGate"/>, and closes the gate on a flood answer, for the
/// account's other processes on the host too when they share a <see cref="HostPacing"/>.
/// </summary>
internal sealed class FloodGateStrategy : ResilienceStrategy
{
    private readonly FloodGate _gate;
    private readonly HostPacing? _hostPacing;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public FloodGateStrategy(FloodGate gate, HostPacing? hostPacing, TimeProvider time, ILogger logger)
    {
        _gate = gate;
        _hostPacing = hostPacing;
        _time = time;
        _logger = logger;
    }

    protected override async ValueTask<Outcome<TResult>> ExecuteCore<TResult, TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback,
        ResilienceContext context,
        TState state)
    {
        try
        {
            await _gate.WaitAsync(context.CancellationToken).ConfigureAwait(context.ContinueOnCapturedContext);
        }
        catch (OperationCanceledException canceled)
        {
            return Outcome.FromException<TResult>(canceled);
        }

        var started = _time.GetUtcNow();
        var outcome = await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        if (outcome.Exception is OneFichierException { Kind: OneFichierFailureKind.Flood } flood)
        {
            var endpoint = OperationName(context);
            if (_gate.Close(started, endpoint) is { } pause)
            {
                Log.FloodPause(_logger, endpoint, flood.ErrorCode, pause.TotalSeconds);
                if (_hostPacing is not null)
                {
                    await _hostPacing.RecordFloodAsync(_time.GetUtcNow() + pause, endpoint).ConfigureAwait(context.ContinueOnCapturedContext);
                }
            }
        }
        else if (outcome.Exception is null)
        {
            _gate.RecordSuccess();
        }

        return outcome;
    }

    private static string OperationName(ResilienceContext context) =>
        context.Properties.TryGetValue(OneFichierPipeline.EndpointKey, out var endpoint) ? endpoint : "call";
}
