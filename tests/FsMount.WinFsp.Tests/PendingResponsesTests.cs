using FsMount.Core.Errors;
using FsMount.WinFsp.Native;
using FsMount.WinFsp.Tests.Support;

namespace FsMount.WinFsp.Tests;

public sealed class PendingResponsesTests
{
    private readonly RecordingChannel _channel = new();
    private readonly PendingResponses _pending;

    public PendingResponsesTests()
    {
        _pending = new PendingResponses(_channel, exception => exception is FsException failure ? NtStatusMap.From(failure.Error) : NtStatus.UnexpectedIoError);
    }

    [Fact]
    public void An_operation_that_already_ended_is_answered_at_once_without_a_response()
    {
        var done = ValueTask.FromResult(new IoResult(NtStatus.Success, default, 42));

        Assert.True(_pending.TryCompleteNow(done, TransactKind.Read, out var result));

        Assert.Equal(42u, result.Transferred);
        Assert.Empty(_channel.Sent);
        Assert.Equal(0, _pending.Running);
    }

    [Fact]
    public async Task A_slow_read_is_pending_then_answered_with_its_hint_bytes_and_status()
    {
        var read = new TaskCompletionSource<IoResult>(TaskCreationOptions.RunContinuationsAsynchronously);

        Assert.False(_pending.TryCompleteNow(new ValueTask<IoResult>(read.Task), TransactKind.Read, out _));
        Assert.Equal(1, _pending.Running);
        var drained = _pending.DrainAsync();
        Assert.False(drained.IsCompleted);

        read.SetResult(new IoResult(NtStatus.Success, default, 4096));
        var response = await _channel.NextAsync();
        await drained.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal((ushort)128, response.Size);
        Assert.Equal((uint)TransactKind.Read, response.Kind);
        Assert.Equal(1001UL, response.Hint);
        Assert.Equal(NtStatus.Success, response.Status);
        Assert.Equal(4096u, response.Information);
        Assert.Equal(0, _pending.Running);
    }

    [Fact]
    public async Task A_write_answers_with_the_file_as_it_left_it()
    {
        var write = new TaskCompletionSource<IoResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        Assert.False(_pending.TryCompleteNow(new ValueTask<IoResult>(write.Task), TransactKind.Write, out _));

        write.SetResult(new IoResult(NtStatus.Success, new FspFileInfo { FileSize = 10, IndexNumber = 7 }, 10));
        var response = await _channel.NextAsync();

        Assert.Equal((uint)TransactKind.Write, response.Kind);
        Assert.Equal((10UL, 7UL), (response.WriteFileInfo.FileSize, response.WriteFileInfo.IndexNumber));
    }

    [Fact]
    public async Task An_operation_that_throws_is_answered_with_the_handlers_status()
    {
        var listing = new TaskCompletionSource<IoResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        Assert.False(_pending.TryCompleteNow(new ValueTask<IoResult>(listing.Task), TransactKind.QueryDirectory, out _));

        listing.SetException(new FsException(FsError.Unavailable, "service down"));
        var response = await _channel.NextAsync();

        Assert.Equal((uint)TransactKind.QueryDirectory, response.Kind);
        Assert.Equal(NtStatus.UnexpectedIoError, response.Status);
        Assert.Equal(0u, response.Information);
    }

    [Fact]
    public void Nothing_running_is_drained_at_once()
    {
        Assert.True(_pending.DrainAsync().IsCompleted);
    }
}
