using System.Globalization;
using System.Runtime.InteropServices;
using FsMount.Fuse.Native;
using FsMount.Fuse.Protocol;
using Microsoft.Extensions.Logging;

namespace FsMount.Fuse.Transport;

/// <summary>
/// Mounts as root the way libfuse does: open <c>/dev/fuse</c>, then mount(2) with its descriptor in
/// the options. The kernel understands only a few options, so the name shown in the mount table
/// goes in the source and the subtype in the file system type.
/// </summary>
internal static class Mounter
{
    private const string DevicePath = "/dev/fuse";
    private const string FileSystemType = "fuse.fsmount";
    private const string RootModeDirectory = "40000";
    private const string UnprivilegedNotImplemented =
        "mounting without root (through fusermount3) is not implemented yet; run as root";

    public static DevFuseChannel Mount(string fullPath, FuseMountOptions options, uint ownerUserId, uint ownerGroupId, ILogger logger)
    {
        CheckMountPoint(fullPath);
        var fd = OpenDevice();
        var data = string.Create(
            CultureInfo.InvariantCulture,
            $"fd={fd},rootmode={RootModeDirectory},user_id={ownerUserId},group_id={ownerGroupId},max_read={InitNegotiation.MaxWrite}");
        if (options.AllowOther)
        {
            data += ",allow_other";
        }

        if (options.DefaultPermissions)
        {
            data += ",default_permissions";
        }

        var flags = Libc.MS_NOSUID | Libc.MS_NODEV | (options.ReadOnly ? Libc.MS_RDONLY : 0);
        if (Libc.Mount(options.FsName, fullPath, FileSystemType, flags, data) != 0)
        {
            var errno = (LinuxErrno)Marshal.GetLastPInvokeError();
            _ = Libc.Close(fd);
            throw new FuseMountException(MountFailure(fullPath, errno));
        }

        return new DevFuseChannel(fd, logger);
    }

    /// <summary>The checks <see cref="Mount"/> starts with, without mounting: the device is opened and closed again.</summary>
    public static void CheckCanMount(string fullPath)
    {
        CheckMountPoint(fullPath);
        _ = Libc.Close(OpenDevice());
    }

    /// <summary>Unmounts lazily, so processes still inside the mount do not make it fail; false if nothing was mounted there.</summary>
    public static bool Unmount(string fullPath, out LinuxErrno error)
    {
        if (Libc.Umount2(fullPath, Libc.MNT_DETACH) == 0)
        {
            error = LinuxErrno.None;
            return true;
        }

        error = (LinuxErrno)Marshal.GetLastPInvokeError();
        return false;
    }

    private static void CheckMountPoint(string fullPath)
    {
        if (!Directory.Exists(fullPath))
        {
            throw new FuseMountException(File.Exists(fullPath)
                ? $"Cannot mount on {fullPath}: it is not a directory"
                : $"Cannot mount on {fullPath}: the directory does not exist");
        }

        // mount(2) would happily stack a second file system on top of the first one.
        if (MountTable.IsMountPoint(fullPath))
        {
            throw new FuseMountException($"Cannot mount on {fullPath}: something is already mounted there");
        }
    }

    private static int OpenDevice()
    {
        var fd = Libc.Open(DevicePath, Libc.O_RDWR | Libc.O_CLOEXEC);
        if (fd >= 0)
        {
            return fd;
        }

        var errno = (LinuxErrno)Marshal.GetLastPInvokeError();
        throw new FuseMountException(errno switch
        {
            LinuxErrno.ENOENT or LinuxErrno.ENODEV =>
                $"{DevicePath} does not exist: the fuse kernel module is not loaded, or this container has no FUSE device",
            LinuxErrno.EACCES or LinuxErrno.EPERM =>
                $"Cannot open {DevicePath}: permission denied; {UnprivilegedNotImplemented}",
            _ => $"Cannot open {DevicePath}: {Marshal.GetPInvokeErrorMessage((int)errno)}",
        });
    }

    private static string MountFailure(string fullPath, LinuxErrno errno) => errno switch
    {
        LinuxErrno.EPERM => $"Cannot mount on {fullPath}: not permitted; {UnprivilegedNotImplemented}",
        LinuxErrno.EBUSY => $"Cannot mount on {fullPath}: the mount point is busy",
        LinuxErrno.ENOENT => $"Cannot mount on {fullPath}: the directory does not exist",
        LinuxErrno.ENOTDIR => $"Cannot mount on {fullPath}: it is not a directory",
        _ => $"Cannot mount on {fullPath}: mount(2) failed: {Marshal.GetPInvokeErrorMessage((int)errno)} ({errno})",
    };
}
