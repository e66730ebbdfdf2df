namespace FsMount.Core.Uploads;

/// <summary>Bytes one running upload has sent: written by the transfer, read by status.</summary>
internal sealed class UploadProgress : IProgress<long>
{
    private long _sent;

    public long Sent => Interlocked.Read(ref _sent);

    public void Report(long value) => Interlocked.Exchange(ref _sent, value);
}
