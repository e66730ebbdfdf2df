using System.Globalization;
using System.Runtime.InteropServices;
using FsMount.Fuse.Native;
using FsMount.Fuse.Protocol;
using Microsoft.Extensions.Logging;

namespace FsMount.Fuse.Transport;

/// <summary>
/// Mounts the way libfuse does: open <c>/dev/fuse</c> and mount(2) with its descriptor in the
/// options; where that is not permitted (a normal user), through fusermount3. The kernel understands
/// only a few options, so the name shown in the mount table goes in the source and the subtype in
/// the file system type.
/// </summary>
internal static unsafe class Mounter
{
    public const string FileSystemType = "fuse.fsmount";

    private const string DevicePath = "/dev/fuse";
    private const string RootModeDirectory = "40000";

    public static DevFuseChannel Mount(string fullPath, FuseMountOptions options, uint ownerUserId, uint ownerGroupId, ILogger logger)
    {
        CheckMountPoint(fullPath, options);
        var fd = TryMountDirectly(fullPath, options, ownerUserId, ownerGroupId)
            ?? Fusermount.Mount(fullPath, FusermountOptions(options));
        return new DevFuseChannel(fd, logger);
    }

    /// <summary>The checks <see cref="Mount"/> starts with, without mounting.</summary>
    public static void CheckCanMount(string fullPath, FuseMountOptions options)
    {
        CheckMountPoint(fullPath, options);
        if (Libc.GetEffectiveUserId() == 0)
        {
            _ = Libc.Close(OpenDevice());
        }
        else
        {
            _ = Fusermount.Require();
        }
    }

    /// <summary>
    /// Unmounts lazily, so processes still inside the mount do not make it fail: umount2(2), or
    /// fusermount3 where that is not permitted (a normal user's mount). True once nothing is mounted
    /// there; false with the reason otherwise.
    /// </summary>
    public static bool Unmount(string fullPath, out string error)
    {
        error = string.Empty;
        if (Libc.Umount2(fullPath, Libc.MNT_DETACH) == 0)
        {
            return true;
        }

        var errno = (LinuxErrno)Marshal.GetLastPInvokeError();
        if (errno is LinuxErrno.EPERM && Fusermount.Find() is not null && Fusermount.Unmount(fullPath, out error))
        {
            return true;
        }

        // EINVAL: not a mount point (any more), which is what was wanted.
        if (!MountTable.IsMountPoint(fullPath))
        {
            return true;
        }

        error = error.Length > 0 ? error : $"umount2 failed: {Marshal.GetPInvokeErrorMessage((int)errno)}";
        return false;
    }

    /// <summary>
    /// Whether <paramref name="fullPath"/> holds an fsmount mount whose process died, so that every
    /// access fails with "transport endpoint is not connected". statfs(2) always asks the server, so
    /// it answers for the live mount too without waiting on anything the kernel cached.
    /// </summary>
    public static bool IsDeadMount(string fullPath)
    {
        if (MountTable.Find(fullPath)?.FileSystemType != FileSystemType)
        {
            return false;
        }

        var buffer = stackalloc byte[Libc.StatFsLength];
        return Libc.StatFs(fullPath, buffer) != 0
            && (LinuxErrno)Marshal.GetLastPInvokeError() is LinuxErrno.ENOTCONN or LinuxErrno.ECONNABORTED;
    }

    private static void CheckMountPoint(string fullPath, FuseMountOptions options)
    {
        if (MountTable.Find(fullPath) is { } mounted)
        {
            // mount(2) would happily stack a second file system on top of the first one.
            throw new FuseMountException(mounted.FileSystemType == FileSystemType
                ? $"Cannot mount on {fullPath}: it is already mounted by fsmount; stop that mount first: fsmount unmount {fullPath}"
                : $"Cannot mount on {fullPath}: something is already mounted there ({mounted.FileSystemType})");
        }

        if (!Directory.Exists(fullPath))
        {
            throw new FuseMountException(File.Exists(fullPath)
                ? $"Cannot mount on {fullPath}: it is not a directory"
                : $"Cannot mount on {fullPath}: the directory does not exist");
        }

        if (HasEntries(fullPath))
        {
            throw new FuseMountException($"Cannot mount on {fullPath}: the directory is not empty, and mounting would hide what is in it; use an empty directory");
        }

        if (options.AllowOther && Libc.GetEffectiveUserId() != 0 && !FuseConfig.AllowsOther())
        {
            throw new FuseMountException(
                $"Cannot mount on {fullPath} with --allow-other: a normal user may do so only when {FuseConfig.Path} has the line user_allow_other (as root: echo user_allow_other >> {FuseConfig.Path})");
        }
    }

    private static bool HasEntries(string fullPath)
    {
        try
        {
            return Directory.EnumerateFileSystemEntries(fullPath).Any();
        }
        catch (UnauthorizedAccessException)
        {
            throw new FuseMountException($"Cannot mount on {fullPath}: you may not read the directory");
        }
    }

    // Null where mount(2) is not permitted (a normal user): fusermount3 mounts instead.
    private static int? TryMountDirectly(string fullPath, FuseMountOptions options, uint ownerUserId, uint ownerGroupId)
    {
        var fd = Libc.Open(DevicePath, Libc.O_RDWR | Libc.O_CLOEXEC);
        if (fd < 0)
        {
            var opening = (LinuxErrno)Marshal.GetLastPInvokeError();
            return opening is LinuxErrno.EACCES or LinuxErrno.EPERM && Libc.GetEffectiveUserId() != 0
                ? null
                : throw new FuseMountException(DeviceFailure(opening));
        }

        var data = string.Create(
            CultureInfo.InvariantCulture,
            $"fd={fd},rootmode={RootModeDirectory},user_id={ownerUserId},group_id={ownerGroupId},max_read={InitNegotiation.MaxWrite}");
        data += string.Concat(KernelOptions(options).Select(option => "," + option));
        var flags = Libc.MS_NOSUID | Libc.MS_NODEV | (options.ReadOnly ? Libc.MS_RDONLY : 0);
        if (Libc.Mount(options.FsName, fullPath, FileSystemType, flags, data) == 0)
        {
            return fd;
        }

        var errno = (LinuxErrno)Marshal.GetLastPInvokeError();
        _ = Libc.Close(fd);
        return errno == LinuxErrno.EPERM && Libc.GetEffectiveUserId() != 0
            ? null
            : throw new FuseMountException(MountFailure(fullPath, errno));
    }

    private static IEnumerable<string> KernelOptions(FuseMountOptions options)
    {
        if (options.AllowOther)
        {
            yield return "allow_other";
        }

        if (options.DefaultPermissions)
        {
            yield return "default_permissions";
        }
    }

    // fusermount3 adds rootmode, user_id and group_id (the caller's) and nosuid,nodev itself.
    private static string FusermountOptions(FuseMountOptions options) =>
        string.Join(',', new[] { $"fsname={options.FsName}", "subtype=fsmount", string.Create(CultureInfo.InvariantCulture, $"max_read={InitNegotiation.MaxWrite}") }
            .Concat(KernelOptions(options))
            .Concat(options.ReadOnly ? ["ro"] : []));

    private static int OpenDevice()
    {
        var fd = Libc.Open(DevicePath, Libc.O_RDWR | Libc.O_CLOEXEC);
        return fd >= 0 ? fd : throw new FuseMountException(DeviceFailure((LinuxErrno)Marshal.GetLastPInvokeError()));
    }

    private static string DeviceFailure(LinuxErrno errno) => errno switch
    {
        LinuxErrno.ENOENT or LinuxErrno.ENODEV =>
            $"{DevicePath} does not exist: the fuse kernel module is not loaded, or this container has no FUSE device",
        LinuxErrno.EACCES or LinuxErrno.EPERM => $"Cannot open {DevicePath}: permission denied",
        _ => $"Cannot open {DevicePath}: {Marshal.GetPInvokeErrorMessage((int)errno)}",
    };

    private static string MountFailure(string fullPath, LinuxErrno errno) => errno switch
    {
        LinuxErrno.EPERM => $"Cannot mount on {fullPath}: mount(2) is not permitted here (a container without CAP_SYS_ADMIN?)",
        LinuxErrno.EBUSY => $"Cannot mount on {fullPath}: the mount point is busy",
        LinuxErrno.ENOENT => $"Cannot mount on {fullPath}: the directory does not exist",
        LinuxErrno.ENOTDIR => $"Cannot mount on {fullPath}: it is not a directory",
        _ => $"Cannot mount on {fullPath}: mount(2) failed: {Marshal.GetPInvokeErrorMessage((int)errno)} ({errno})",
    };
}
