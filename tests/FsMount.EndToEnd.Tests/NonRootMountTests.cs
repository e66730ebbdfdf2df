using FsMount.Emulator;
using FsMount.Testing;

namespace FsMount.EndToEnd.Tests;

/// <summary>
/// Mounting as a normal user, through fusermount3 (the _FUSE_COMMFD + SCM_RIGHTS path): a user the
/// test creates runs <c>fsmount</c>. /dev/fuse is opened to all for the test (0666, as most
/// distributions ship it; this machine keeps it 0600) and restored after, and /etc/fuse.conf is set
/// for the allow_other cases and restored; both tests of this class run one after the other.
/// </summary>
public sealed class NonRootMountTests
{
    private const string UserName = "fsmount-e2e";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_normal_user_mounts_through_fusermount3_uses_the_mount_and_unmounts_it()
    {
        FuseAvailability.RequireFusermountOrSkip();
        await using var account = await EmulatedAccount.StartAsync(EmulatorLimitsMode.Relaxed, Token);
        await using var user = await CreateUserAsync(account);
        var (mountPoint, cache) = await UserDirectoriesAsync(account, user);
        using var device = DeviceAccess.OpenToAll();

        await using var mount = await FsMountProcess.StartAsync(mountPoint, account.FastEnvironment, user, account.MountArgumentsWithCache(cache));
        var written = await user.RunAsync("sh", "-c", $"echo hello > '{mountPoint}/hello.txt' && cat '{mountPoint}/hello.txt'");
        var owner = await user.RunAsync("stat", "-c", "%u", Path.Combine(mountPoint, "hello.txt"));
        var root = await ChildProcess.RunAsync("ls", mountPoint);
        var entry = MountInfo.EntryFor(mountPoint);
        var unmount = await ChildProcess.RunAsync(TimeSpan.FromMinutes(1), FsMountProcess.CreateStartInfo(account.FastEnvironment, user, "unmount", mountPoint));

        Assert.Contains(" - fuse.fsmount fsmount ", entry, StringComparison.Ordinal);
        Assert.Contains($"user_id={user.Id},", entry, StringComparison.Ordinal);
        Assert.Equal("hello\n", written.OutputText);
        Assert.Equal($"{user.Id}\n", owner.OutputText);

        // Without allow_other the kernel lets no one else in, root included.
        Assert.Contains("Permission denied", root.Error, StringComparison.Ordinal);
        Assert.True(unmount.ExitCode == 0, unmount.Error);
        Assert.Equal(0, await mount.WaitForExitAsync());
        Assert.False(MountInfo.IsMounted(mountPoint));
        Assert.Contains((await account.Client.ListFolderAsync(0, Token)).Items!, item => item.Filename == "hello.txt");
    }

    [Fact]
    public async Task Allow_other_needs_user_allow_other_says_so_in_one_line_and_works_with_it()
    {
        FuseAvailability.RequireFusermountOrSkip();
        await using var account = await EmulatedAccount.StartAsync(EmulatorLimitsMode.Relaxed, Token);
        await using var user = await CreateUserAsync(account);
        var (mountPoint, cache) = await UserDirectoriesAsync(account, user);
        using var device = DeviceAccess.OpenToAll();

        ProcessResult refused;
        using (FuseConfigFile.With(allowOther: false))
        {
            var arguments = (string[])["mount", mountPoint, .. account.MountArgumentsWithCache(cache, "--allow-other")];
            refused = await ChildProcess.RunAsync(TimeSpan.FromMinutes(1), FsMountProcess.CreateStartInfo(account.FastEnvironment, user, arguments));
        }

        Assert.Equal(4, refused.ExitCode);
        Assert.Contains("user_allow_other", Assert.Single(refused.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.False(MountInfo.IsMounted(mountPoint));

        using (FuseConfigFile.With(allowOther: true))
        {
            await using var mount = await FsMountProcess.StartAsync(mountPoint, account.FastEnvironment, user, account.MountArgumentsWithCache(cache, "--allow-other"));
            var byRoot = await ChildProcess.RunAsync("touch", Path.Combine(mountPoint, "from-root"));

            Assert.True(byRoot.ExitCode == 0, byRoot.Error);
            Assert.Contains("allow_other", MountInfo.EntryFor(mountPoint), StringComparison.Ordinal);
            await mount.StopCleanlyAsync();
        }
    }

    private static async Task<TestUser> CreateUserAsync(EmulatedAccount account)
    {
        // The user must be able to reach its folders under the test's private work folder.
        File.SetUnixFileMode(account.WorkDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        return await TestUser.CreateAsync(UserName, Path.Combine(account.WorkDirectory, "home"));
    }

    private static async Task<(string MountPoint, string Cache)> UserDirectoriesAsync(EmulatedAccount account, TestUser user)
    {
        var mountPoint = account.CreateDirectory("user-mnt");
        var cache = account.CreateDirectory("user-cache");
        await user.OwnAsync(mountPoint);
        await user.OwnAsync(cache);
        return (mountPoint, cache);
    }
}
