using Xunit;

namespace FsMount.Testing;

/// <summary>
/// Real-mount tests need Linux, /dev/fuse and root. Without them they skip with the reason, unless
/// FSMOUNT_REQUIRE_FUSE=1 (CI), where a missing FUSE is a failure.
/// </summary>
public static class FuseAvailability
{
    public static void RequireOrSkip()
    {
        var reason =
            !OperatingSystem.IsLinux() ? "FUSE mounts need Linux" :
            !File.Exists("/dev/fuse") ? "/dev/fuse does not exist" :
            !Environment.IsPrivilegedProcess ? "mounting needs root (the unprivileged fusermount3 path is not implemented)" :
            null;
        if (reason is null)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable("FSMOUNT_REQUIRE_FUSE") == "1")
        {
            Assert.Fail($"FSMOUNT_REQUIRE_FUSE=1 but FUSE is unavailable: {reason}");
        }

        Assert.Skip(reason);
    }
}
