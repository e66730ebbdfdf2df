using System.Collections.Concurrent;
using FsMount.Fuse.Transport;

namespace FsMount.Fuse.Tests.Support;

/// <summary>The kernel side, in memory: tests queue request bytes and collect reply bytes by unique id.</summary>
internal sealed class InMemoryChannel : IFuseChannel
{
    private readonly BlockingCollection<byte[]> _requests = [];
    private readonly ConcurrentDictionary<ulong, TaskCompletionSource<FuseReply>> _replies = new();
    private int _replyCount;

    /// <summary>When true, writes report that nobody waits for the reply (as the kernel does for an aborted request).</summary>
    public bool RejectReplies { get; set; }

    public bool IsDisposed { get; private set; }

    public int ReplyCount => Volatile.Read(ref _replyCount);

    public void Send(byte[] request) => _requests.Add(request);

    /// <summary>Ends the connection, as an unmount does.</summary>
    public void Close() => _requests.CompleteAdding();

    public Task<FuseReply> ReplyTo(ulong unique) => Slot(unique).Task.WaitAsync(TimeSpan.FromSeconds(10));

    public bool HasReplyTo(ulong unique) => _replies.TryGetValue(unique, out var slot) && slot.Task.IsCompleted;

    public int ReadRequest(Span<byte> buffer)
    {
        if (!_requests.TryTake(out var request, Timeout.Infinite))
        {
            return 0;
        }

        request.CopyTo(buffer);
        return request.Length;
    }

    /// <summary>Notifications the server sent (unique 0), in order.</summary>
    public ConcurrentQueue<FuseReply> Notifications { get; } = new();

    public bool WriteReply(ReadOnlySpan<byte> reply)
    {
        var parsed = new FuseReply(reply.ToArray());
        if (parsed.Unique == 0)
        {
            Notifications.Enqueue(parsed);
            return true;
        }

        Interlocked.Increment(ref _replyCount);
        if (!Slot(parsed.Unique).TrySetResult(parsed))
        {
            throw new InvalidOperationException($"Second reply to unique {parsed.Unique}");
        }

        return !RejectReplies;
    }

    public void Dispose()
    {
        IsDisposed = true;
        _requests.Dispose();
    }

    private TaskCompletionSource<FuseReply> Slot(ulong unique) =>
        _replies.GetOrAdd(unique, _ => new TaskCompletionSource<FuseReply>(TaskCreationOptions.RunContinuationsAsynchronously));
}
