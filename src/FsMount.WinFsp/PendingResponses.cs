using FsMount.WinFsp.Native;

namespace FsMount.WinFsp;

/// <summary>
/// Read, Write and ReadDirectory may answer STATUS_PENDING and complete later, so a slow download never
/// holds a dispatcher thread that Explorer's other requests need. An operation the core finished at
/// once is answered at once; any other gets its request's hint now and its response when it ends. The
/// count of those still running lets unmounting wait for them before the file system is deleted.
/// </summary>
internal sealed class PendingResponses
{
    // The response's size without a trailing buffer (FSP_FSCTL_TRANSACT_RSP).
    private const ushort ResponseSize = 128;

    private readonly IResponseChannel _channel;
    private readonly Func<Exception, int> _statusOf;
    private readonly Lock _gate = new();
    private int _running;
    private TaskCompletionSource? _drained;

    /// <param name="statusOf">The status of an operation that threw (the host's one exception handler).</param>
    public PendingResponses(IResponseChannel channel, Func<Exception, int> statusOf)
    {
        _channel = channel;
        _statusOf = statusOf;
    }

    public int Running => Volatile.Read(ref _running);

    /// <summary>True with the result when <paramref name="operation"/> has ended; false when it will be answered later (return STATUS_PENDING).</summary>
    public bool TryCompleteNow(ValueTask<IoResult> operation, TransactKind kind, out IoResult result)
    {
        if (operation.IsCompleted)
        {
            result = operation.Result;
            return true;
        }

        var hint = _channel.CurrentRequestHint();
        Interlocked.Increment(ref _running);
        _ = RespondWhenDoneAsync(operation, kind, hint);
        result = default;
        return false;
    }

    /// <summary>Completes when no operation is left to answer.</summary>
    public Task DrainAsync()
    {
        lock (_gate)
        {
            if (_running == 0)
            {
                return Task.CompletedTask;
            }

            _drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _drained.Task;
        }
    }

    private async Task RespondWhenDoneAsync(ValueTask<IoResult> operation, TransactKind kind, ulong hint)
    {
        IoResult result;
        try
        {
            result = await operation;
        }
        catch (Exception exception)
        {
            result = IoResult.Failed(_statusOf(exception));
        }

        try
        {
            _channel.Send(new TransactResponse
            {
                Size = ResponseSize,
                Kind = (uint)kind,
                Hint = hint,
                Status = result.Status,
                Information = result.Transferred,
                WriteFileInfo = kind == TransactKind.Write ? result.Info : default,
            });
        }
        finally
        {
            lock (_gate)
            {
                if (--_running == 0)
                {
                    _drained?.TrySetResult();
                    _drained = null;
                }
            }
        }
    }
}
