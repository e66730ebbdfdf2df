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

    private FuseMount(string mountPoint, Task completion, ILogger logger)
    {
        MountPoint = mountPoint;
        Completion = completion;
        _logger = logger;
    }

    /// <summary>The absolute path of the mount point.</summary>
    public string MountPoint { get; }

    /// <summary>Completes when the kernel connection has ended (after an unmount) and every request has been answered.</summary>
    public Task Completion { get; }

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
        var fullPath = Path.TrimEndingDirectorySeparator(Path.GetFullPath(mountPoint));
        var userId = options.OwnerUserId ?? Libc.GetEffectiveUserId();
        var groupId = options.OwnerGroupId ?? Libc.GetEffectiveGroupId();
        var channel = Mounter.Mount(fullPath, options, userId, groupId, loggerFactory.CreateLogger<DevFuseChannel>());
        Log.Mounted(logger, options.FsName, fullPath);

        var bridge = new CoreBridge(fileSystem, new AttributeEncoder(options, userId, groupId), loggerFactory.CreateLogger<CoreBridge>());
        var session = new FuseSession(channel, bridge.CreateTable(), options, loggerFactory.CreateLogger<FuseSession>());
        return new FuseMount(fullPath, LogEndAsync(session.Completion, fullPath, logger), logger);
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
            // Once the connection has ended, whatever is mounted at the path now is not ours.
            if (_unmounted || Completion.IsCompleted)
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

    private void OnTerminationSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        Unmount();
    }

    private static async Task LogEndAsync(Task sessionCompletion, string mountPoint, ILogger logger)
    {
        await sessionCompletion;
        Log.ConnectionEnded(logger, mountPoint);
    }
}
