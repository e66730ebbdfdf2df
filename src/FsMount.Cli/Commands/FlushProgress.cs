using System.Globalization;
using FsMount.Core.Uploads;

namespace FsMount.Cli.Commands;

/// <summary>
/// The progress line of the uploads still pending at unmount: rewritten in place on a terminal,
/// one line every few seconds otherwise (a log or a service manager).
/// </summary>
internal sealed class FlushProgress : IProgress<UploadQueueStatus>
{
    private static readonly TimeSpan s_plainInterval = TimeSpan.FromSeconds(5);

    private readonly TextWriter _output;
    private readonly bool _terminal;
    private DateTimeOffset _lastPlain = DateTimeOffset.MinValue;
    private bool _drawn;

    public FlushProgress(TextWriter output)
    {
        _output = output;
        _terminal = !Console.IsErrorRedirected;
    }

    public void Report(UploadQueueStatus value)
    {
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"fsmount: uploading before exit: {value.PendingFiles} file(s), {Bytes(value.PendingBytes)} left ({Bytes(value.RunningBytesSent)} of the current uploads sent)");
        if (_terminal)
        {
            _output.Write("\r" + line + "\u001b[K");
            _drawn = true;
        }
        else if (DateTimeOffset.UtcNow - _lastPlain >= s_plainInterval)
        {
            _output.WriteLine(line);
            _lastPlain = DateTimeOffset.UtcNow;
        }
    }

    public void Finish()
    {
        if (_drawn)
        {
            _output.WriteLine();
        }
    }

    public static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.0} GiB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.0} MiB"),
        >= 1L << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 10):0.0} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
    };
}
