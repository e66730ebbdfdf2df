using System.Globalization;
using FsMount.Cli.Commands;
using FsMount.Core.Uploads;
using Microsoft.Extensions.Hosting.Systemd;

namespace FsMount.Cli.Status;

/// <summary>
/// Tells systemd how a <c>Type=notify</c> mount is doing, over the socket it names in <c>NOTIFY_SOCKET</c>:
/// READY=1 once mounted, a STATUS= line with the upload queue each time it changes, STOPPING=1 while the
/// last uploads flush at unmount. Without <c>NOTIFY_SOCKET</c> it does nothing.
/// </summary>
internal sealed class ServiceManagerNotifier
{
    private readonly SystemdNotifier _systemd = new();
    private string? _lastStatus;

    public void Ready() => Notify(ServiceState.Ready);

    public void Stopping() => Notify(ServiceState.Stopping);

    public void Queue(UploadQueueStatus queue)
    {
        var status = queue.PendingFiles == 0
            ? "no uploads pending"
            : string.Create(CultureInfo.InvariantCulture, $"{queue.PendingFiles} upload(s) pending, {FlushProgress.Bytes(queue.PendingBytes)}");
        if (status != _lastStatus)
        {
            _lastStatus = status;
            Notify(new ServiceState("STATUS=" + status));
        }
    }

    private void Notify(ServiceState state)
    {
        if (_systemd.IsEnabled)
        {
            _systemd.Notify(state);
        }
    }
}
