using System.Diagnostics;
using System.Globalization;
using FsMount.Emulator;
using FsMount.Testing;

namespace FsMount.EndToEnd.Tests;

/// <summary><c>fsmount mount --daemon</c>: returns once mounted, the mount outlives it; a failing start is the child's one line and exit code.</summary>
public sealed class DaemonMountTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Daemon_returns_once_mounted_and_the_mount_works_after_it_exits()
    {
        await using var account = await EmulatedAccount.StartAsync(EmulatorLimitsMode.Relaxed, Token);
        var environment = RuntimeFolder.EnvironmentFor(account);
        var mountPoint = account.CreateDirectory("mnt");

        var launcher = await ChildProcess.RunAsync(TimeSpan.FromMinutes(2), FsMountProcess.CreateStartInfo(environment, ["mount", mountPoint, .. account.MountArguments("--daemon")]));
        await using var background = await BackgroundMount.FindAsync(mountPoint, environment);

        Assert.True(launcher.ExitCode == 0, launcher.Error);
        Assert.Contains($" is mounted on {mountPoint}", launcher.OutputText, StringComparison.Ordinal);
        Assert.Contains($"(in the background, pid {background.ProcessId})", launcher.OutputText, StringComparison.Ordinal);
        Assert.True(MountInfo.IsMounted(mountPoint));
        var written = await ChildProcess.RunAsync("sh", "-c", $"echo daemon > '{mountPoint}/daemon.txt' && cat '{mountPoint}/daemon.txt'");
        Assert.Equal("daemon\n", written.OutputText);

        await background.UnmountAsync();
        Assert.False(MountInfo.IsMounted(mountPoint));
        Assert.Contains((await account.Client.ListFolderAsync(0, Token)).Items!, item => item.Filename == "daemon.txt");
    }

    [Fact]
    public async Task A_daemon_that_cannot_mount_prints_its_one_error_line_and_exits_with_its_code()
    {
        await using var account = await EmulatedAccount.StartAsync(EmulatorLimitsMode.Relaxed, Token);
        var environment = RuntimeFolder.EnvironmentFor(account);
        var missing = Path.Combine(account.WorkDirectory, "missing");

        var foreground = await ChildProcess.RunAsync(TimeSpan.FromMinutes(1), FsMountProcess.CreateStartInfo(environment, ["mount", missing, .. account.MountArguments()]));
        var daemon = await ChildProcess.RunAsync(TimeSpan.FromMinutes(1), FsMountProcess.CreateStartInfo(environment, ["mount", missing, .. account.MountArguments("--daemon")]));

        Assert.NotEqual(0, foreground.ExitCode);
        Assert.Equal(foreground.ExitCode, daemon.ExitCode);
        Assert.Equal(foreground.Error, daemon.Error);
        Assert.Single(daemon.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Empty(daemon.OutputText);
    }

    [Fact]
    public async Task Ctrl_C_on_the_launcher_before_the_mount_is_ready_stops_the_background_start_too()
    {
        await using var account = await EmulatedAccount.StartAsync(EmulatorLimitsMode.Relaxed, Token);
        var environment = RuntimeFolder.EnvironmentFor(account);
        environment["FSMOUNT_OneFichier__FloodPause"] = "00:00:05";
        environment["FSMOUNT_OneFichier__MaxFloodPause"] = "00:00:05";
        var mountPoint = account.CreateDirectory("mnt");
        await account.LockOutAsync(TimeSpan.FromMinutes(2), Token);

        using var launcher = Process.Start(FsMountProcess.CreateStartInfo(environment, ["mount", mountPoint, .. account.MountArguments("--daemon")]))!;
        try
        {
            // The background start waits on the lock-out and says so through the launcher.
            var firstError = await launcher.StandardError.ReadLineAsync(Token);
            Assert.StartsWith("fsmount: waiting ", firstError, StringComparison.Ordinal);

            await ChildProcess.RunAsync("kill", "-INT", launcher.Id.ToString(CultureInfo.InvariantCulture));
            await launcher.WaitForExitAsync(Token).WaitAsync(TimeSpan.FromSeconds(30), Token);

            Assert.Equal(130, launcher.ExitCode);
            Assert.Contains("nothing was mounted", await launcher.StandardError.ReadToEndAsync(Token), StringComparison.Ordinal);
            Assert.False(MountInfo.IsMounted(mountPoint));
            Assert.Empty(BackgroundMount.ProcessesOn(mountPoint));
        }
        finally
        {
            foreach (var pid in BackgroundMount.ProcessesOn(mountPoint).Append(launcher.HasExited ? -1 : launcher.Id).Where(pid => pid > 0))
            {
                await ChildProcess.RunAsync("kill", "-KILL", pid.ToString(CultureInfo.InvariantCulture));
            }

            await ChildProcess.RunAsync("umount", "-l", mountPoint);
        }
    }
}
