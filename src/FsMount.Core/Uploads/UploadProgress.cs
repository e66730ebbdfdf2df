using FsMount.Core.Staging;

namespace FsMount.Core.Uploads;

/// <summary>One running upload (a file, or small files of one folder sent together): what it carries and the bytes sent so far, written by the transfer, read by status.</summary>
internal sealed class UploadProgress : IProgress<long>
{
    private long _sent;

    public UploadProgress(IReadOnlyList<StagedFile> files, DateTimeOffset started)
    {
        Files = files;
        Started = started;
    }

    public IReadOnlyList<StagedFile> Files { get; }

    public DateTimeOffset Started { get; }

    public long Sent => Interlocked.Read(ref _sent);

    public void Report(long value) => Interlocked.Exchange(ref _sent, value);

    /// <summary>
    /// Each file's share of the bytes sent: a request carries its files one after the other, so the
    /// first ones fill up first.
    /// </summary>
    public IEnumerable<UploadActivity> Activity()
    {
        var left = Sent;
        foreach (var file in Files)
        {
            var size = file.Size;
            var sent = Math.Min(left, size);
            left -= sent;
            yield return new UploadActivity(file.State.Name, size, sent, Started);
        }
    }
}
