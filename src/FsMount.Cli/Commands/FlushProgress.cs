using System.Globalization;
using FsMount.Cli.Status;
using FsMount.Core.Uploads;

namespace FsMount.Cli.Commands;

/// <summary>
/// The progress line of the uploads still pending at unmount, with the bar, rate and time left of the
/// upload running now: rewritten in place on a terminal, one line every few seconds otherwise (a log
/// or a service manager).
/// </summary>
internal sealed class FlushProgress : IProgress<UploadQueueStatus>
{
    private static readonly TimeSpan s_plainInterval = TimeSpan.FromSeconds(5);

    private readonly ProgressLine _line;
    private readonly Func<IReadOnlyList<UploadActivity>> _files;

    public FlushProgress(TextWriter output, Func<IReadOnlyList<UploadActivity>> files)
    {
        _line = new ProgressLine(output, terminal: !Console.IsErrorRedirected, s_plainInterval);
        _files = files;
    }

    public void Report(UploadQueueStatus value) => _line.Show(string.Create(
        CultureInfo.InvariantCulture,
        $"fsmount: uploading before exit: {value.PendingFiles} file(s), {Bytes(value.PendingBytes)} left ({Bytes(value.RunningBytesSent)} of the current uploads sent){Running()}"));

    // The first running upload, e.g. "; film.mkv [####      ] 40% 480 MiB of 1.2 GiB, 6.0 MiB/s, 2m03s left".
    private string Running()
    {
        var now = DateTimeOffset.UtcNow;
        return _files().FirstOrDefault(file => file.StartedAt is not null) is { } running
            ? $"; {running.Name} {StatusView.Bar(running.BytesSent, running.Size)} {StatusView.Progress(MountStatusSource.Describe(running, now))}"
            : "";
    }

    public void Finish() => _line.Finish();

    public static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.0} GiB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.0} MiB"),
        >= 1L << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 10):0.0} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
    };
}
