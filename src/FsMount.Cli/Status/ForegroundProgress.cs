using System.Globalization;
using FsMount.Cli.Commands;

namespace FsMount.Cli.Status;

/// <summary>
/// What a mount in the foreground shows of its uploads while it runs: on a terminal, one line
/// rewritten in place with the running upload's progress (bytes, rate, time left) while one runs;
/// elsewhere (a log, a service manager) one plain line per finished upload.
/// </summary>
internal sealed class ForegroundProgress
{
    private readonly bool _terminal;
    private HashSet<(string Name, long Size)> _running = [];
    private bool _drawn;

    public ForegroundProgress(bool terminal)
    {
        _terminal = terminal;
    }

    // Looked up at each write: a mount started by --daemon lets go of its stderr once mounted.
    private static TextWriter Output => Console.Error;

    public void Show(UploadsStatus uploads)
    {
        var running = uploads.Files.Where(file => file.Running).ToList();
        if (_terminal)
        {
            Draw(running, uploads);
        }
        else
        {
            var waiting = uploads.Files.Select(file => (file.Name, file.Size)).ToHashSet();
            foreach (var (name, size) in _running.Where(file => !waiting.Contains(file)))
            {
                Output.WriteLine($"fsmount: uploaded {name} ({FlushProgress.Bytes(size)})");
            }
        }

        _running = running.Select(file => (file.Name, file.Size)).ToHashSet();
    }

    /// <summary>Ends a line drawn in place, so what follows starts on a line of its own.</summary>
    public void Finish()
    {
        if (_drawn)
        {
            Output.Write("\r\u001b[K");
            _drawn = false;
        }
    }

    private void Draw(List<UploadStatus> running, UploadsStatus uploads)
    {
        if (running.Count == 0)
        {
            Finish();
            return;
        }

        var first = running[0];
        var others = uploads.PendingFiles - 1;
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"fsmount: uploading {first.Name} {StatusView.Bar(first.BytesSent, first.Size)} {StatusView.Progress(first)}{(others > 0 ? $" (+{others} more)" : "")}");
        Output.Write("\r" + line + "\u001b[K");
        _drawn = true;
    }
}
