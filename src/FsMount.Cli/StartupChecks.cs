namespace FsMount.Cli;

/// <summary>
/// Checks that must pass before anything is mounted. Each failure is one clear line and its own
/// exit code, instead of a half-made mount.
/// </summary>
internal static class StartupChecks
{
    private const string FuseDevice = "/dev/fuse";

    public static string CheckMountPoint(string mountPoint)
    {
        var fullPath = Path.GetFullPath(mountPoint);
        if (File.Exists(fullPath))
        {
            throw new StartupException(ExitCodes.MountFailed, $"the mountpoint {fullPath} is a file, not a directory");
        }

        if (!Directory.Exists(fullPath))
        {
            throw new StartupException(ExitCodes.MountFailed, $"the mountpoint {fullPath} does not exist; create it with: mkdir -p {fullPath}");
        }

        if (MountTable.IsMountPoint(fullPath))
        {
            throw new StartupException(
                ExitCodes.MountFailed,
                $"{fullPath} is already a mountpoint; unmount it first with: umount {fullPath}");
        }

        return fullPath;
    }

    public static void CheckFuse()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new StartupException(ExitCodes.MountFailed, "mounting is supported on Linux only in this version");
        }

        if (!File.Exists(FuseDevice))
        {
            throw new StartupException(
                ExitCodes.MountFailed,
                $"{FuseDevice} is missing: load the fuse kernel module (modprobe fuse) or, in a container, pass --device /dev/fuse");
        }

        if (!Environment.IsPrivilegedProcess)
        {
            throw new StartupException(
                ExitCodes.MountFailed,
                "mounting needs root in this version (mount(2) on /dev/fuse); run it with sudo");
        }
    }
}
