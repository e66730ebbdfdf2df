using System.Text.Json.Nodes;
using FsMount.Emulator;
using FsMount.Testing;

namespace FsMount.EndToEnd.Tests;

/// <summary>
/// The <c>fsmount</c> command around the mount itself, as root: <c>fsmount unmount</c>, the mount a
/// <c>kill -9</c> left dead, mount points it refuses, and the owner and permissions it shows.
/// </summary>
public sealed class MountCommandTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task After_kill_9_fsmount_unmount_clears_the_dead_mount_and_a_new_mount_clears_one_itself()
    {
        FuseAvailability.RequireOrSkip();
        await using var account = await EmulatedAccount.StartAsync(EmulatorLimitsMode.Relaxed, Token);
        var mountPoint = account.CreateDirectory("mnt");

        await using (var first = await StartAsync(account, mountPoint))
        {
            await first.KillAsync();
            var dead = await ChildProcess.RunAsync("ls", mountPoint);
            Assert.Contains("Transport endpoint is not connected", dead.Error, StringComparison.Ordinal);

            var unmount = await FsMountAsync(account, "unmount", mountPoint);

            Assert.Equal(0, unmount.ExitCode);
            Assert.Equal($"fsmount: unmounted {mountPoint}", unmount.OutputText.Trim());
            Assert.False(MountInfo.IsMounted(mountPoint));
        }

        // The next mount is started before the dead one's process object is disposed (which would clear it).
        await using var second = await StartAsync(account, mountPoint);
        await second.KillAsync();
        await using var third = await StartAsync(account, mountPoint);

        Assert.Contains($"fsmount: cleared the dead fsmount mount on {mountPoint}", third.Output, StringComparison.Ordinal);
        Assert.Equal(0, (await ChildProcess.RunAsync("ls", mountPoint)).ExitCode);
        await third.StopCleanlyAsync();
    }

    // The upload at unmount takes seconds (the emulator sends 256 KiB/s per stream), so a command that
    // returned at the unmount would be back long before the file is on the service.
    [Fact]
    public async Task Fsmount_unmount_ends_a_live_mount_and_returns_once_its_process_uploaded_what_was_staged()
    {
        FuseAvailability.RequireOrSkip();
        await using var account = await EmulatedAccount.StartAsync(EmulatorLimitsMode.Relaxed, Token);
        var mountPoint = account.CreateDirectory("mnt");
        await using var mount = await StartAsync(account, mountPoint, "--write-back", "1h");
        await ChildProcess.OutputOfAsync("sh", "-c", $"head -c 1048576 /dev/urandom > '{mountPoint}/staged.bin'");
        await account.SetFaultsAsync(new JsonObject { ["bandwidthPerStream"] = 262_144 }, Token);

        var unmount = await FsMountAsync(account, "unmount", mountPoint);
        var listed = (await account.Client.ListFolderAsync(0, Token)).Items!;

        Assert.True(unmount.ExitCode == 0, unmount.Error);
        Assert.Contains(listed, item => item.Filename == "staged.bin" && item.Size == 1_048_576);
        Assert.Contains("fsmount: waiting for the mount's process (pid ", Lines(unmount.Error)[0], StringComparison.Ordinal);
        Assert.Contains("has ended", unmount.OutputText, StringComparison.Ordinal);
        Assert.Equal(0, await mount.WaitForExitAsync());
        Assert.False(MountInfo.IsMounted(mountPoint));
    }

    [Fact]
    public async Task A_mount_point_in_use_or_not_empty_is_refused_with_one_line_and_exit_4()
    {
        FuseAvailability.RequireOrSkip();
        await using var account = await EmulatedAccount.StartAsync(EmulatorLimitsMode.Relaxed, Token);
        var full = account.CreateDirectory("full");
        await File.WriteAllTextAsync(Path.Combine(full, "precious.txt"), "keep me", Token);
        var mountPoint = account.CreateDirectory("mnt");
        await using var mount = await StartAsync(account, mountPoint);

        var notEmpty = await FsMountAsync(account, ["mount", full, .. account.MountArguments()]);
        var inUse = await FsMountAsync(account, ["mount", mountPoint, .. account.MountArguments()]);
        var notOurs = await FsMountAsync(account, "unmount", "/proc");

        Assert.Equal(4, notEmpty.ExitCode);
        Assert.Contains("is not empty", Assert.Single(Lines(notEmpty.Error)), StringComparison.Ordinal);
        Assert.Equal(4, inUse.ExitCode);
        Assert.Contains($"fsmount unmount {mountPoint}", Assert.Single(Lines(inUse.Error)), StringComparison.Ordinal);
        Assert.Equal(4, notOurs.ExitCode);
        Assert.Equal("fsmount: /proc is not an fsmount mount (it is proc); use umount", Assert.Single(Lines(notOurs.Error)));
        Assert.Equal("keep me", await File.ReadAllTextAsync(Path.Combine(full, "precious.txt"), Token));
        await mount.StopCleanlyAsync();
    }

    [Fact]
    public async Task Uid_gid_and_umask_change_the_owner_and_permissions_shown()
    {
        FuseAvailability.RequireOrSkip();
        await using var account = await EmulatedAccount.StartAsync(EmulatorLimitsMode.Relaxed, Token);
        var mountPoint = account.CreateDirectory("mnt");

        // Mounted by root for uid 4321: without --allow-other only that user could get in.
        await using var mount = await StartAsync(account, mountPoint, "--uid", "4321", "--gid", "8765", "--umask", "027", "--allow-other");
        await ChildProcess.OutputOfAsync("mkdir", Path.Combine(mountPoint, "folder"));
        await ChildProcess.OutputOfAsync("touch", Path.Combine(mountPoint, "file"));

        var shown = await ChildProcess.OutputOfAsync("stat", "-c", "%n %u %g %a", Path.Combine(mountPoint, "folder"), Path.Combine(mountPoint, "file"));

        Assert.Equal($"{mountPoint}/folder 4321 8765 750\n{mountPoint}/file 4321 8765 640\n", shown);
        Assert.Contains("user_id=4321,group_id=8765", MountInfo.EntryFor(mountPoint), StringComparison.Ordinal);
        await mount.StopCleanlyAsync();
    }

    private static Task<FsMountProcess> StartAsync(EmulatedAccount account, string mountPoint, params string[] extra) =>
        FsMountProcess.StartAsync(mountPoint, account.FastEnvironment, account.MountArguments(extra));

    private static Task<ProcessResult> FsMountAsync(EmulatedAccount account, params string[] arguments) =>
        ChildProcess.RunAsync(TimeSpan.FromMinutes(1), FsMountProcess.CreateStartInfo(account.FastEnvironment, arguments));

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
