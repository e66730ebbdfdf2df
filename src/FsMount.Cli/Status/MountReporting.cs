using FsMount.Cli.RemoteUpload;
using FsMount.Core.Vfs;
using FsMount.OneFichier;
using Microsoft.Extensions.Logging;

namespace FsMount.Cli.Status;

/// <summary>
/// Everything a running mount tells the outside: the status socket (<c>fsmount status</c>), systemd's
/// notify socket, and the upload progress in the foreground. Created before mounting, so the warnings
/// logged while mounted are kept for status; <see cref="StartAsync"/> once mounted; <see cref="Stopping"/>
/// when the unmount's flush starts; disposed once the flush is over.
/// </summary>
internal sealed class MountReporting : IAsyncDisposable
{
    private static readonly TimeSpan s_tick = TimeSpan.FromSeconds(1);

    private readonly MountedFileSystem _fileSystem;
    private readonly OneFichierClient _client;
    private readonly RecentProblems _problems;
    private readonly TimeProvider _time;
    private readonly ServiceManagerNotifier _serviceManager = new();
    private readonly ForegroundProgress _progress = new(terminal: !Console.IsErrorRedirected);
    private readonly Lock _foreground = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly RemoteUploadFollower _remoteUploads;
    private Task _ticking = Task.CompletedTask;
    private StatusServer? _server;
    private bool _flushing;

    public MountReporting(MountedFileSystem fileSystem, OneFichierClient client, ILoggerFactory loggerFactory, TimeProvider time)
    {
        _fileSystem = fileSystem;
        _client = client;
        _time = time;
        _remoteUploads = new RemoteUploadFollower(client, time);
        _problems = new RecentProblems(time);
        loggerFactory.AddProvider(_problems);
    }

    /// <summary>The mount is ready: serves status, tells systemd, starts following the uploads.</summary>
    public async Task StartAsync(string mountPoint, string source, CancellationToken cancellationToken)
    {
        var status = new MountStatusSource(mountPoint, source, _fileSystem, _client, _problems, _time);
        try
        {
            _server = OperatingSystem.IsWindows() ? null : await StatusServer.StartAsync(mountPoint, new MountRequests(status, _fileSystem, _remoteUploads).AnswerAsync, cancellationToken);
        }
        catch (IOException failure)
        {
            // The mount works without it; say why `fsmount status` will not find it.
            await Console.Error.WriteLineAsync($"fsmount: warning: no status for this mount: {failure.Message}");
        }

        _serviceManager.Ready();
        _ticking = TickAsync(status, _stopping.Token);
    }

    /// <summary>
    /// The unmount is done and the last uploads flush: the foreground line is the flush's now, while
    /// systemd still gets the queue as it empties.
    /// </summary>
    public void Stopping()
    {
        lock (_foreground)
        {
            _flushing = true;
            _progress.Finish();
        }

        _serviceManager.Stopping();
    }

    public async ValueTask DisposeAsync()
    {
        await StopTickingAsync();
        if (_server is not null && !OperatingSystem.IsWindows())
        {
            await _server.DisposeAsync();
        }

        _stopping.Dispose();
        _remoteUploads.Dispose();
    }

    private async Task StopTickingAsync()
    {
        await _stopping.CancelAsync();
        await _ticking;
        lock (_foreground)
        {
            _progress.Finish();
        }
    }

    private async Task TickAsync(MountStatusSource status, CancellationToken stopping)
    {
        try
        {
            while (true)
            {
                _serviceManager.Queue(_fileSystem.Uploads);
                lock (_foreground)
                {
                    if (!_flushing)
                    {
                        _progress.Show(status.Take().Uploads);
                    }
                }

                await Task.Delay(s_tick, _time, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }
}
