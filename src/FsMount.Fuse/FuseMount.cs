using System.Runtime.InteropServices;
using FsMount.Core.Vfs;
using FsMount.Fuse.Bridge;
using FsMount.Fuse.Dispatch;
using FsMount.Fuse.Native;
using FsMount.Fuse.Protocol;
using FsMount.Fuse.Transport;
using Microsoft.Extensions.Logging;

namespace FsMount.Fuse;

/// <summary>
/// An <see cref="IVirtualFileSystem"/> mounted through the Linux FUSE kernel protocol, served by
/// this process until it is unmounted. The serving process must never access its own mount point:
/// a request it makes there waits for itself.
/// </summary>
public sealed class FuseMount : IAsyncDisposable
{
    private readonly ILogger _logger;
    private readonly Lock _unmountLock = new();
    private bool _unmounted;
    private volatile bool _connectionEnded;

    private FuseMount(string mountPoint, Task sessionCompletion, ILogger logger)
    {
        MountPoint = mountPoint;
        _logger = logger;
        Completion = WatchAsync(sessionCompletion);
    }

    /// <summary>The absolute path of the mount point.</summary>
    public string MountPoint { get; }

    /// <summary>Completes when the kernel connection has ended (after an unmount) and every request has been answered.</summary>
    public Task Completion { get; }

    /// <summary>
    /// Checks, without mounting, what <see cref="Mount"/> would refuse first: a mount point that is
    /// not an existing directory or already has something mounted on it, and no usable /dev/fuse.
    /// Lets a caller fail before any costly set-up.
    /// </summary>
    /// <returns>The absolute path of the mount point.</returns>
    /// <exception cref="FuseMountException">The mount could not be made; the message says why.</exception>
    public static string CheckCanMount(string mountPoint)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new FuseMountException("FUSE mounts need Linux");
        }

        var fullPath = FullPathOf(mountPoint);
        Mounter.CheckCanMount(fullPath);
        return fullPath;
    }

    /// <summary>
    /// Mounts <paramref name="fileSystem"/> on <paramref name="mountPoint"/> (an existing, empty
    /// directory on which nothing is mounted yet) and starts serving it. Needs root.
    /// </summary>
    /// <exception cref="FuseMountException">The mount could not be made; the message says why.</exception>
    public static FuseMount Mount(string mountPoint, IVirtualFileSystem fileSystem, FuseMountOptions options, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        options.Validate();

        var logger = loggerFactory.CreateLogger<FuseMount>();
        var fullPath = FullPathOf(mountPoint);
        var userId = options.OwnerUserId ?? Libc.GetEffectiveUserId();
        var groupId = options.OwnerGroupId ?? Libc.GetEffectiveGroupId();
        var channel = Mounter.Mount(fullPath, options, userId, groupId, loggerFactory.CreateLogger<DevFuseChannel>());
        Log.Mounted(logger, options.FsName, fullPath);

        var bridge = new CoreBridge(fileSystem, new AttributeEncoder(options, userId, groupId), TimeProvider.System, loggerFactory.CreateLogger<CoreBridge>());
        var notifier = new KernelNotifier(channel);
        var session = new FuseSession(channel, bridge.CreateTable(), options, loggerFactory.CreateLogger<FuseSession>(), () =>
        {
            // Notifications are valid only once INIT is answered.
            fileSystem.AttachInvalidator(notifier);
            if (options.ReadAheadBytes is { } readAhead)
            {
                ReadAhead.Apply(fullPath, readAhead, logger);
            }
        });
        return new FuseMount(fullPath, StopNotifyingAfterAsync(session.Completion, notifier), logger);
    }

    /// <summary>
    /// Detaches the mount (lazily: processes still inside keep working until they leave); the
    /// connection then ends and <see cref="Completion"/> completes. Safe to call more than once and
    /// from a signal handler.
    /// </summary>
    public void Unmount()
    {
        lock (_unmountLock)
        {
            // A connection that ended normally was unmounted already: whatever is mounted at the
            // path now is not ours.
            if (_unmounted || _connectionEnded)
            {
                return;
            }

            Log.Unmounting(_logger, MountPoint);
            if (Mounter.Unmount(MountPoint, out var error) || error == LinuxErrno.EINVAL)
            {
                _unmounted = true;
            }
            else
            {
                Log.UnmountFailed(_logger, MountPoint, error);
            }
        }
    }

    /// <summary>
    /// Unmounts on SIGTERM and SIGINT instead of letting them end the process, so the caller
    /// returns normally once <see cref="Completion"/> completes. Dispose the result to stop.
    /// </summary>
    public IDisposable UnmountOnTerminationSignals() =>
        new SignalRegistrations(
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnTerminationSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnTerminationSignal));

    public async ValueTask DisposeAsync()
    {
        Unmount();
        await Completion;
    }

    private static async Task StopNotifyingAfterAsync(Task sessionCompletion, KernelNotifier notifier)
    {
        try
        {
            await sessionCompletion;
        }
        finally
        {
            notifier.Stop();
            await notifier.Completion;
        }
    }

    private static string FullPathOf(string mountPoint) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(mountPoint));

    private void OnTerminationSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        Unmount();
    }

    private async Task WatchAsync(Task sessionCompletion)
    {
        try
        {
            await sessionCompletion;
            _connectionEnded = true;
            Log.ConnectionEnded(_logger, MountPoint);
        }
        catch
        {
            // A server that failed leaves a mount whose every access fails with ENOTCONN: detach it.
            Unmount();
            throw;
        }
    }
}
