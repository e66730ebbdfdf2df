using FsMount.OneFichier;
using FsMount.OneFichier.Activity;

namespace FsMount.Cli.Commands;

/// <summary>
/// While the mount is starting, says in one line each wait the service imposes (a flood lock-out,
/// the spacing of listings), with how long it lasts, and each retry of a failed call with its reason,
/// instead of leaving the user before a silent prompt. Once the mount is up, <c>fsmount status</c>
/// shows the pauses and recent problems instead.
/// </summary>
internal sealed class StartupPauseReporter : IAsyncDisposable
{
    private static readonly TimeSpan s_period = TimeSpan.FromMilliseconds(250);

    private readonly OneFichierClient _client;
    private readonly TextWriter _output;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly HashSet<ServicePause> _reported = [];
    private CallRetry? _lastRetryReported;
    private readonly Task _watching;

    private StartupPauseReporter(OneFichierClient client, TextWriter output, TimeProvider time)
    {
        _client = client;
        _output = output;
        _time = time;
        _watching = WatchAsync();
    }

    public static StartupPauseReporter Start(OneFichierClient client, TextWriter output, TimeProvider time) => new(client, output, time);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watching;
        _stop.Dispose();
    }

    private async Task WatchAsync()
    {
        using var timer = new PeriodicTimer(s_period, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var activity = _client.Activity;
                // A retry after a flood answer waits at the gate, whose pause has its own line.
                if (activity.LastRetry is { Delay.Ticks: > 0 } retry && retry != _lastRetryReported)
                {
                    _lastRetryReported = retry;
                    await _output.WriteLineAsync($"fsmount: {retry.Endpoint} failed ({retry.Reason}); retry {retry.Attempt} in {retry.Delay.TotalSeconds:0.#} s");
                }

                foreach (var pause in activity.Pauses)
                {
                    var left = pause.Until - _time.GetUtcNow();
                    if (left >= TimeSpan.FromSeconds(1) && _reported.Add(pause))
                    {
                        await _output.WriteLineAsync($"fsmount: waiting {left.TotalSeconds:0} s for {pause.What}: {pause.Why}");
                    }
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // The start is over.
        }
    }
}
