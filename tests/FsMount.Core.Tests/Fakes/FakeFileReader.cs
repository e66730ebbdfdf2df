using FsMount.Core.Remote;

namespace FsMount.Core.Tests.Fakes;

/// <summary>One open "download token" of the fake drive: serves ranges and records them.</summary>
internal sealed class FakeFileReader : IRemoteFileReader
{
    private readonly FakeRemoteDrive _drive;
    private readonly RemoteFile _file;

    public FakeFileReader(FakeRemoteDrive drive, RemoteFile file)
    {
        _drive = drive;
        _file = file;
    }

    public bool IsDisposed { get; private set; }

    public async Task<Stream> OpenRangeAsync(long offset, long length, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        await Task.Yield();
        _drive.RecordRange(offset, length);
        if (_drive.RangeFailure is { } failure)
        {
            throw failure;
        }

        // The download host sends the whole range at once; what the client leaves unread was still
        // transferred, so it counts as served here, when the range opens.
        var available = _drive.ActualSizeOf(_file);
        var end = Math.Max(offset, Math.Min(offset + length, available));
        _drive.CountServed(end - offset);
        return new FakeRangeStream(_drive, _file.ShortId, offset, end);
    }

    public ValueTask DisposeAsync()
    {
        IsDisposed = true;
        return ValueTask.CompletedTask;
    }
}
