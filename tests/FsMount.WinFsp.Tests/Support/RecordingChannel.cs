using System.Collections.Concurrent;
using System.Threading.Channels;
using FsMount.WinFsp.Native;

namespace FsMount.WinFsp.Tests.Support;

/// <summary>Stands in for WinFsp's dispatcher: hands out request hints and records the responses sent later.</summary>
internal sealed class RecordingChannel : IResponseChannel
{
    private readonly ConcurrentQueue<TransactResponse> _sent = new();
    private readonly Channel<TransactResponse> _arrivals = Channel.CreateUnbounded<TransactResponse>();
    private long _lastHint = 1000;

    public IReadOnlyCollection<TransactResponse> Sent => _sent;

    public ulong CurrentRequestHint() => (ulong)Interlocked.Increment(ref _lastHint);

    public void Send(in TransactResponse response)
    {
        _sent.Enqueue(response);
        _arrivals.Writer.TryWrite(response);
    }

    /// <summary>The next response sent (waits for it, bounded).</summary>
    public async Task<TransactResponse> NextAsync() =>
        await _arrivals.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
}
