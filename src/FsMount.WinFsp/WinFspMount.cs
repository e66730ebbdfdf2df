using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Security.Principal;
using FsMount.Core;
using FsMount.Core.Names;
using FsMount.Core.Vfs;
using FsMount.WinFsp.Native;
using Microsoft.Extensions.Logging;

namespace FsMount.WinFsp;

/// <summary>
/// An <see cref="IVirtualFileSystem"/> mounted through WinFsp as a drive letter, a directory, or a
/// network drive, served by this process until it is unmounted.
/// </summary>
public sealed class WinFspMount : IMountedVolume
{
    private readonly unsafe FspFileSystem* _fileSystem;
    private readonly unsafe FileSystemInterface* _interface;
    private readonly WinFspHost _host;
    private readonly GCHandle _self;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _unmounting;

    private unsafe WinFspMount(string mountPoint, FspFileSystem* fileSystem, FileSystemInterface* fileSystemInterface, WinFspHost host, GCHandle self, ILogger logger)
    {
        MountPoint = mountPoint;
        _fileSystem = fileSystem;
        _interface = fileSystemInterface;
        _host = host;
        _self = self;
        _logger = logger;
    }

    /// <summary>Where the account is mounted (<c>X:</c>, or a directory).</summary>
    public string MountPoint { get; }

    /// <summary>Completes once the mount is gone (after <see cref="Unmount"/>, or when WinFsp stopped it) and every request was answered.</summary>
    public Task Completion => _completion.Task;

    /// <summary>
    /// The naming Windows needs, applied by the core: case-insensitive, case-preserving names, and
    /// reversible stand-ins for what Windows forbids in a name.
    /// </summary>
    public static void ConfigureCore(FsMountOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.CaseInsensitiveNames = true;
        options.NameStyle = NameStyle.Windows;
    }

    /// <summary>Checks, without mounting, what <see cref="Mount"/> would refuse first: WinFsp missing, a bad network name, a mount point taken.</summary>
    /// <exception cref="WinFspMountException">The mount could not be made; the message says why.</exception>
    [SupportedOSPlatform("windows")]
    public static void CheckCanMount(string mountPoint, WinFspMountOptions options)
    {
        ArgumentNullException.ThrowIfNull(mountPoint);
        ArgumentNullException.ThrowIfNull(options);
        CheckMountPoint(mountPoint, options);
        WinFspLibrary.Load();
        Check(WinFspApi.FspFileSystemPreflight(VolumeParameters.DevicePath(options), mountPoint), $"cannot mount on {mountPoint}");
    }

    /// <summary>Mounts <paramref name="fileSystem"/> on <paramref name="mountPoint"/> and starts serving it.</summary>
    /// <exception cref="WinFspMountException">The mount could not be made; the message says why.</exception>
    [SupportedOSPlatform("windows")]
    public static unsafe WinFspMount Mount(string mountPoint, IVirtualFileSystem fileSystem, WinFspMountOptions options, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        CheckCanMount(mountPoint, options);

        var logger = loggerFactory.CreateLogger<WinFspMount>();
        var volume = VolumeParameters.Create(options, DateTimeOffset.UtcNow);
        var table = (FileSystemInterface*)NativeMemory.AllocZeroed((nuint)sizeof(FileSystemInterface));
        *table = WinFspHost.CreateInterface();
        FspFileSystem* created = null;
        var status = WinFspApi.FspFileSystemCreate(VolumeParameters.DevicePath(options), &volume, table, &created);
        if (status < 0)
        {
            NativeMemory.Free(table);
            Check(status, "WinFsp could not create the file system");
        }

        // The core is safe to call concurrently, and a folder created, renamed or deleted waits for the
        // service: WinFsp's default volume-wide lock would hold every open meanwhile.
        WinFspApi.FspFileSystemSetOperationGuardF(created, 0, 0);
        var core = new CoreFileSystem(fileSystem, new FileInfoEncoder(filesOffline: options.NetworkName is not null), new ExplorerProbes(TimeProvider.System), loggerFactory.CreateLogger<CoreFileSystem>());
        var user = WindowsIdentity.GetCurrent().User?.Value ?? SecurityDescriptor.LocalSystem;
        WinFspMount? mount = null;
        var host = new WinFspHost(core, new NativeResponseChannel(created), SecurityDescriptor.For(user, options.AllowOther), options.VolumeLabel, loggerFactory.CreateLogger<WinFspHost>(), () => mount?.Unmount());
        var self = GCHandle.Alloc(host);
        created->UserContext = GCHandle.ToIntPtr(self);
        mount = new WinFspMount(mountPoint, created, table, host, self, logger);
        try
        {
            Check(WinFspApi.FspFileSystemSetMountPointEx(created, mountPoint, null), $"cannot mount on {mountPoint}");
            Check(WinFspApi.FspFileSystemStartDispatcher(created, options.ThreadCount), "WinFsp could not start serving the file system");
        }
        catch
        {
            mount.Release();
            throw;
        }

        Log.Mounted(logger, mountPoint);
        return mount;
    }

    /// <summary>Removes the drive; <see cref="Completion"/> completes once every request was answered. Safe to call more than once and from a signal handler.</summary>
    public void Unmount()
    {
        if (Interlocked.Exchange(ref _unmounting, 1) == 0)
        {
            Log.Unmounting(_logger, MountPoint);
            _ = Task.Run(StopAsync);
        }
    }

    /// <summary>Unmounts on Ctrl-C, Ctrl-Break and the console closing, instead of letting them end the process.</summary>
    public IDisposable UnmountOnTerminationSignals() => new SignalRegistrations(
    [
        PosixSignalRegistration.Create(PosixSignal.SIGINT, OnTerminationSignal),
        PosixSignalRegistration.Create(PosixSignal.SIGQUIT, OnTerminationSignal),
        PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnTerminationSignal),
    ]);

    public async ValueTask DisposeAsync()
    {
        Unmount();
        await Completion;
    }

    // A network drive cannot be mounted on a folder (Windows' rule for junctions).
    private static void CheckMountPoint(string mountPoint, WinFspMountOptions options)
    {
        options.Prefix();
        if (options.NetworkName is not null && !IsDriveLetter(mountPoint))
        {
            throw new WinFspMountException($"a network drive mounts on a drive letter such as X:, not on {mountPoint}");
        }
    }

    private static bool IsDriveLetter(string mountPoint) => mountPoint.Length == 2 && char.IsAsciiLetter(mountPoint[0]) && mountPoint[1] == ':';

    private static void Check(int status, string what)
    {
        if (status < 0)
        {
            throw new WinFspMountException($"{what} (NTSTATUS 0x{status:X8})");
        }
    }

    private void OnTerminationSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        Unmount();
    }

    private async Task StopAsync()
    {
        try
        {
            // Cancelled first, so the dispatcher threads come back soon; no request arrives once the
            // dispatcher stopped, and the file system is deleted only when every pending one was answered.
            _host.Stop();
            StopDispatcher();
            await _host.Pending.DrainAsync();
            Release();
            _completion.TrySetResult();
        }
        catch (Exception exception)
        {
            _completion.TrySetException(exception);
        }
    }

    private unsafe void StopDispatcher() => WinFspApi.FspFileSystemStopDispatcher(_fileSystem);

    // Deleting the file system also removes its mount point.
    private unsafe void Release()
    {
        WinFspApi.FspFileSystemDelete(_fileSystem);
        NativeMemory.Free(_interface);
        _self.Free();
        _host.Dispose();
    }
}
