using System.Net;

namespace FsMount.Emulator.Tests.TestSupport;

/// <summary>A body that announces <c>length</c> bytes, sends <c>sent</c> of them, then never finishes.</summary>
internal sealed class StalledContent : HttpContent
{
    private readonly long _length;
    private readonly int _sent;
    private readonly TaskCompletionSource _stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public StalledContent(long length, int sent)
    {
        _length = length;
        _sent = sent;
    }

    public Task Stalled => _stalled.Task;

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await stream.WriteAsync(new byte[_sent]);
        await stream.FlushAsync();
        _stalled.TrySetResult();
        await Task.Delay(Timeout.Infinite);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _length;
        return true;
    }
}
