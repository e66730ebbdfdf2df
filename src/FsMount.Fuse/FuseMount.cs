using System.Runtime.InteropServices;
using FsMount.Core.Vfs;
using FsMount.Fuse.Bridge;
using FsMount.Fuse.Dispatch;
using FsMount.Fuse.Native;
using FsMount.Fuse.Transport;
using Microsoft.Extensions.Logging;

namespace FsMount.Fuse;

/// <summary>
/// An <see cref="IVirtualFileSystem"/> mounted through the Linux FUSE kernel protocol, served by
/// this process until it is unmounted. The serving process must never access its own mount point:
/// a request it makes there waits for itself.
/// </summary>
public sealed class FuseMount : IMountedVolume
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

    /// <summary>The user this process runs as (its effective id): whose private folders it may use.</summary>
    public static uint EffectiveUserId => Libc.GetEffectiveUserId();

    /// <summary>
    /// Checks, without mounting, what <see cref="Mount"/> would refuse first: a mount point that is
    /// not an existing directory or already has something mounted on it, and no usable /dev/fuse.
    /// Lets a caller fail before any costly set-up.
    /// </summary>
    /// <returns>The absolute path of the mount point.</returns>
    /// <exception cref="FuseMountException">The mount could not be made; the message says why.</exception>
    public static string CheckCanMount(string mountPoint, FuseMountOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var fullPath = LinuxFullPathOf(mountPoint);
        Mounter.CheckCanMount(fullPath, options);
        return fullPath;
    }

    /// <summary>
    /// Clears an fsmount mount on <paramref name="mountPoint"/> whose process died (every access then
    /// fails with "transport endpoint is not connected"), so it can be mounted again. A live mount and
    /// anything that is not fsmount's are left alone.
    /// </summary>
    /// <returns>Whether a dead mount was cleared.</returns>
    /// <exception cref="FuseMountException">The dead mount could not be cleared; the message says why.</exception>
    public static bool ClearDeadMount(string mountPoint)
    {
        var fullPath = LinuxFullPathOf(mountPoint);
        if (!Mounter.IsDeadMount(fullPath))
        {
            return false;
        }

        return Mounter.Unmount(fullPath, out var error)
            ? true
            : throw new FuseMountException($"Cannot clear the dead fsmount mount on {fullPath}: {error}");
    }

    /// <summary>
    /// Unmounts the fsmount mount on <paramref name="mountPoint"/>, live or dead, from any process
    /// (<c>fsmount unmount</c>): lazily, so the serving process sees the connection end and stops cleanly.
    /// </summary>
    /// <exception cref="FuseMountException">Nothing of fsmount's is mounted there, or it could not be unmounted.</exception>
    public static void UnmountExisting(string mountPoint)
    {
        var fullPath = LinuxFullPathOf(mountPoint);
        var mounted = MountTable.Find(fullPath) ?? throw new FuseMountException($"Nothing is mounted on {fullPath}");
        if (mounted.FileSystemType != Mounter.FileSystemType)
        {
            throw new FuseMountException($"{fullPath} is not an fsmount mount (it is {mounted.FileSystemType}); use umount");
        }

        if (!Mounter.Unmount(fullPath, out var error))
        {
            throw new FuseMountException($"Cannot unmount {fullPath}: {error}");
        }
    }

    /// <summary>
    /// Mounts <paramref name="fileSystem"/> on <paramref name="mountPoint"/> (an existing, empty
    /// directory on which nothing is mounted yet) and starts serving it: with mount(2) as root, else
    /// through fusermount3.
    /// </summary>
    /// <exception cref="FuseMountException">The mount could not be made; the message says why.</exception>
    public static FuseMount Mount(string mountPoint, IVirtualFileSystem fileSystem, FuseMountOptions options, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        options.Validate();

        var logger = loggerFactory.CreateLogger<FuseMount>();
        var fullPath = LinuxFullPathOf(mountPoint);
        if (ClearDeadMount(fullPath))
        {
            Log.DeadMountCleared(logger, fullPath);
        }

        var userId = options.OwnerUserId ?? Libc.GetEffectiveUserId();
        var groupId = options.OwnerGroupId
            ?? (options.OwnerUserId is { } owner ? PasswordFile.PrimaryGroupOf(owner) : null)
            ?? Libc.GetEffectiveGroupId();
        var channel = Mounter.Mount(fullPath, options, userId, groupId, loggerFactory.CreateLogger<DevFuseChannel>());
        Log.Mounted(logger, options.FsName, fullPath);

        var bridge = new CoreBridge(fileSystem, new AttributeEncoder(options, userId, groupId), TimeProvider.System, loggerFactory.CreateLogger<CoreBridge>());
        var notifier = new KernelNotifier(channel);
        var session = new FuseSession(channel, bridge.CreateTable(), options, loggerFactory.CreateLogger<FuseSession>(), () =>
        {
            // Notifications are valid only once INIT is answered.
            fileSystem.AttachInvalidator(notifier);
            // Only root may write the mount's sysfs read-ahead; a normal user's mount reads in 128 KiB READs.
            if (options.ReadAheadBytes is { } readAhead && Libc.GetEffectiveUserId() == 0)
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
            if (Mounter.Unmount(MountPoint, out var error))
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

    private static string LinuxFullPathOf(string mountPoint) => OperatingSystem.IsLinux()
        ? Path.TrimEndingDirectorySeparator(Path.GetFullPath(mountPoint))
        : throw new FuseMountException("FUSE mounts need Linux");

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
