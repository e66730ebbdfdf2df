using Microsoft.Extensions.Logging;

namespace FsMount.OneFichier.Transfers;

/// <summary>
/// A read-only stream over <c>[offset, offset + length)</c> of a remote file that, when the transfer
/// breaks (reset, premature end, or no byte for the idle time-out), opens a new ranged request from the
/// first byte not yet delivered, so its reader sees every byte or an exception, never a short or
/// corrupt read, and never waits on a stalled connection for ever.
/// </summary>
internal sealed class ResumingDownloadStream : ForwardReadStream
{
    private readonly Func<long, long, CancellationToken, Task<Stream>> _openRange;
    private readonly long _start;
    private readonly long _length;
    private readonly int _maxResumes;
    private readonly TimeSpan _idleTimeout;
    private readonly ILogger _logger;
    private Stream _current;
    private long _delivered;
    private int _resumesWithoutProgress;

    /// <param name="openRange">Opens a response body for (offset, length) of the file.</param>
    public ResumingDownloadStream(Stream first, long start, long length, Func<long, long, CancellationToken, Task<Stream>> openRange, int maxResumes, TimeSpan idleTimeout, ILogger logger)
    {
        _idleTimeout = idleTimeout;
        _current = first;
        _start = start;
        _length = length;
        _openRange = openRange;
        _maxResumes = maxResumes;
        _logger = logger;
    }

    public override long Length => _length;

    protected override long Delivered => _delivered;

    protected override Stream Body => _current;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_delivered >= _length || buffer.IsEmpty)
        {
            return 0;
        }

        buffer = buffer[..(int)Math.Min(buffer.Length, _length - _delivered)];
        while (true)
        {
            Exception failure;
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            idle.CancelAfter(_idleTimeout);
            try
            {
                var read = await _current.ReadAsync(buffer, idle.Token).ConfigureAwait(false);
                if (read > 0)
                {
                    _delivered += read;
                    _resumesWithoutProgress = 0;
                    return read;
                }

                failure = new EndOfStreamException($"The download ended {_length - _delivered} bytes early.");
            }
            catch (Exception e) when (e is IOException or HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                failure = e is OperationCanceledException ? new TimeoutException($"No byte for {_idleTimeout.TotalSeconds} s.", e) : e;
            }

            await ResumeAsync(failure, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ResumeAsync(Exception failure, CancellationToken cancellationToken)
    {
        if (++_resumesWithoutProgress > _maxResumes)
        {
            throw new IOException($"The download broke {_resumesWithoutProgress} times at byte {_start + _delivered} without progress.", failure);
        }

        var reason = failure.GetType().Name;
        Log.DownloadResuming(_logger, _start + _delivered, reason);
        await _current.DisposeAsync().ConfigureAwait(false);
        _current = Null;
        _current = await _openRange(_start + _delivered, _length - _delivered, cancellationToken).ConfigureAwait(false);
    }
}
