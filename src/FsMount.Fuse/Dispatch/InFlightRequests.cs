using FsMount.Fuse.Protocol;

namespace FsMount.Fuse.Dispatch;

/// <summary>
/// Requests whose handlers are still running, by unique id, so an INTERRUPT can find its target
/// and shutdown can wait for the last handler.
/// </summary>
internal sealed class InFlightRequests
{
    private readonly Lock _lock = new();
    private readonly Dictionary<ulong, FuseRequest> _byUnique = [];
    private int _running;
    private TaskCompletionSource? _drained;

    /// <param name="interruptible">False for FORGET and BATCH_FORGET, which are counted but never interrupted.</param>
    public void Add(FuseRequest request, bool interruptible)
    {
        lock (_lock)
        {
            _running++;
            if (interruptible)
            {
                _byUnique[request.Unique] = request;
            }
        }
    }

    public void Remove(FuseRequest request)
    {
        TaskCompletionSource? drained = null;
        lock (_lock)
        {
            if (_byUnique.TryGetValue(request.Unique, out var registered) && ReferenceEquals(registered, request))
            {
                _byUnique.Remove(request.Unique);
            }

            if (--_running == 0)
            {
                drained = _drained;
                _drained = null;
            }
        }

        drained?.TrySetResult();
    }

    /// <summary>Cancels the request's token (not for a change to the service; see below); false when no such request is running.</summary>
    public bool TryInterrupt(ulong unique)
    {
        FuseRequest? request;
        lock (_lock)
        {
            _byUnique.TryGetValue(unique, out request);
        }

        // A change to the service is not cut short by an interrupt either: its call may have left, and
        // an EINTR would tell the caller it did not happen. Interrupts are frequent: the kernel sends one
        // for any caught signal, and .NET signals its own threads (to suspend them for a GC), so a
        // mkdir from a .NET program failed with EINTR now and then. The request answers when it is done.
        if (request is not null && !ChangesTheService(request.Opcode))
        {
            request.Interrupt();
        }

        return request is not null;
    }

    /// <summary>
    /// Times out every running request read more than <paramref name="limit"/> ago (see
    /// <see cref="FuseRequest.TimeOut"/>), except those that change the service: their call may have
    /// left already, and an EIO would tell the caller it did not happen, inviting a second folder or
    /// copy. They end when the client's own retries do.
    /// </summary>
    public void TimeOutOlderThan(TimeSpan limit)
    {
        List<FuseRequest>? late = null;
        lock (_lock)
        {
            foreach (var request in _byUnique.Values)
            {
                if (request.Age > limit && !ChangesTheService(request.Opcode))
                {
                    (late ??= []).Add(request);
                }
            }
        }

        late?.ForEach(request => request.TimeOut());
    }

    private static bool ChangesTheService(FuseOpcode opcode) => opcode is FuseOpcode.MkDir or FuseOpcode.Rename or FuseOpcode.Rename2
        or FuseOpcode.Unlink or FuseOpcode.RmDir or FuseOpcode.CopyFileRange or FuseOpcode.CopyFileRange64 or FuseOpcode.SetAttr;

    /// <summary>Cancels every running request: once the connection is gone, no reply can reach anyone.</summary>
    public void InterruptAll()
    {
        FuseRequest[] running;
        lock (_lock)
        {
            running = [.. _byUnique.Values];
        }

        foreach (var request in running)
        {
            request.Interrupt();
        }
    }

    public Task WhenDrainedAsync()
    {
        lock (_lock)
        {
            if (_running == 0)
            {
                return Task.CompletedTask;
            }

            _drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _drained.Task;
        }
    }
}
