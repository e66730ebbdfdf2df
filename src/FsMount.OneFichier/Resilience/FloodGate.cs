using FsMount.OneFichier.Activity;

namespace FsMount.OneFichier.Resilience;

/// <summary>
/// One pause shared by every call of an account. When any call gets a flood answer the gate closes, so
/// every caller (not only the one that was answered) waits it out; it then reopens slowly, letting a few
/// calls through one at a time before full speed. Repeated floods double the pause up to a maximum.
/// </summary>
internal sealed class FloodGate
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _basePause;
    private readonly TimeSpan _maxPause;
    private readonly int _recoveryCalls;
    private readonly TimeSpan _recoverySpacing;
    private DateTimeOffset _closedAt = DateTimeOffset.MinValue;
    private DateTimeOffset _closedUntil = DateTimeOffset.MinValue;
    private DateTimeOffset _nextRecoverySlot = DateTimeOffset.MinValue;
    private int _recoveryCallsLeft;
    private int _consecutiveFloods;
    private string _closedBy = "";

    public FloodGate(OneFichierOptions options, TimeProvider time)
    {
        _time = time;
        _basePause = options.FloodPause;
        _maxPause = options.MaxFloodPause;
        _recoveryCalls = options.FloodRecoveryCalls;
        _recoverySpacing = options.FloodRecoverySpacing;
    }

    /// <summary>Waits until the gate lets one more call through.</summary>
    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_lock)
            {
                var now = _time.GetUtcNow();
                if (now < _closedUntil)
                {
                    wait = _closedUntil - now;
                }
                else if (_recoveryCallsLeft == 0)
                {
                    return;
                }
                else if (now >= _nextRecoverySlot)
                {
                    _recoveryCallsLeft--;
                    _nextRecoverySlot = now + _recoverySpacing;
                    return;
                }
                else
                {
                    wait = _nextRecoverySlot - now;
                }
            }

            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The pause in force now, if any, for status.</summary>
    public ServicePause? CurrentPause
    {
        get
        {
            lock (_lock)
            {
                return _time.GetUtcNow() < _closedUntil
                    ? new ServicePause("every API call", $"the service answered \"flood detected\" to {_closedBy}", _closedUntil)
                    : null;
            }
        }
    }

    /// <summary>
    /// Closes the gate after a flood answer to a call to <paramref name="endpoint"/> that started at <paramref name="callStarted"/>.
    /// Calls already in flight when the gate closed belong to the same flood and do not lengthen it.
    /// Returns the pause now in force, or <see langword="null"/> when this flood was already counted.
    /// </summary>
    public TimeSpan? Close(DateTimeOffset callStarted, string endpoint)
    {
        lock (_lock)
        {
            if (callStarted <= _closedAt)
            {
                return null;
            }

            _consecutiveFloods++;
            var factor = Math.Pow(2, Math.Min(_consecutiveFloods - 1, 16));
            var pause = TimeSpan.FromTicks((long)Math.Min(_basePause.Ticks * factor, _maxPause.Ticks));
            var now = _time.GetUtcNow();
            _closedAt = now;
            _closedBy = endpoint;
            _closedUntil = now + pause;
            _recoveryCallsLeft = _recoveryCalls;
            _nextRecoverySlot = _closedUntil;
            return pause;
        }
    }

    /// <summary>Records a call that got through; once recovery is over, the next flood starts from the base pause.</summary>
    public void RecordSuccess()
    {
        lock (_lock)
        {
            if (_recoveryCallsLeft == 0 && _time.GetUtcNow() >= _closedUntil)
            {
                _consecutiveFloods = 0;
            }
        }
    }
}
