using Xunit;

namespace FsMount.Testing;

/// <summary>
/// Real-mount tests need Linux, /dev/fuse and root (to mount, or to set up a normal user that
/// mounts). Without them they skip with the reason, unless FSMOUNT_REQUIRE_FUSE=1 (CI), where a
/// missing FUSE is a failure.
/// </summary>
public static class FuseAvailability
{
    /// <summary>Why mounts cannot be tested here; null when they can.</summary>
    public static string? UnavailableReason() =>
        !OperatingSystem.IsLinux() ? "FUSE mounts need Linux" :
        !File.Exists("/dev/fuse") ? "/dev/fuse does not exist" :
        !Environment.IsPrivilegedProcess ? "the mount tests run as root (mount(2), or setting up a normal user)" :
        null;

    public static void RequireOrSkip() => SkipUnless(UnavailableReason());

    /// <summary>The same, and fusermount3 (package fuse3, which test.sh installs) for mounts by a normal user.</summary>
    public static void RequireFusermountOrSkip() => RequireToolOrSkip("fusermount3", "fuse3");

    /// <summary>The same, and a program that test.sh installs (from <paramref name="package"/>) when it is missing.</summary>
    public static void RequireToolOrSkip(string program, string package)
    {
        RequireOrSkip();
        SkipUnless(File.Exists($"/usr/bin/{program}") || File.Exists($"/bin/{program}") ? null : $"{program} is not installed (apt install {package})");
    }

    private static void SkipUnless(string? reason)
    {
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
