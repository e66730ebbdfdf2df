using System.Text.Json.Nodes;
using FsMount.Emulator;
using FsMount.Testing;

namespace FsMount.EndToEnd.Tests;

/// <summary>
/// <c>fsmount status</c> against real mounts of the emulator: the status socket (its modes, and that
/// another user cannot open it), a slow upload shown with its bytes sent, <c>--json</c>, and the one
/// line when nothing is mounted.
/// </summary>
public sealed class StatusCommandTests
{
    private const string OtherUserName = "fsmount-e2e-status";
    private const int UploadBytes = 6 * 1024 * 1024;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Status_shows_a_slow_upload_with_its_bytes_sent_and_json_parses()
    {
        await using var account = await EmulatedAccount.StartAsync(EmulatorLimitsMode.Relaxed, Token);
        var environment = RuntimeFolder.EnvironmentFor(account);
        var mountPoint = account.CreateDirectory("mnt");
        await using var mount = await FsMountProcess.StartAsync(mountPoint, environment, account.MountArguments("--write-back", "0s"));

        // 1 MiB/s: the 6 MiB upload runs for seconds, long enough to be seen half-way.
        await account.SetFaultsAsync(new JsonObject { ["bandwidthPerStream"] = 1024 * 1024 }, Token);
        await File.WriteAllBytesAsync(Path.Combine(mountPoint, "slow.bin"), new byte[UploadBytes], Token);

        JsonObject? running = null;
        await Eventually.TrueAsync(
            async () =>
            {
                var status = await FsmountAsync(environment, "status", mountPoint, "--json");
                Assert.True(status.ExitCode == 0, status.Error);
                var snapshot = JsonNode.Parse(status.OutputText)!.AsObject();
                running = snapshot["uploads"]!["files"]!.AsArray().Select(file => file!.AsObject())
                    .FirstOrDefault(file => file["running"]!.GetValue<bool>() && file["bytesSent"]!.GetValue<long>() > 0);
                return running is not null;
            },
            "status shows the upload running with bytes sent");
        var human = await FsmountAsync(environment, "status");
        await account.SetFaultsAsync(new JsonObject { ["bandwidthPerStream"] = 0 }, Token);

        Assert.Equal("slow.bin", running!["name"]!.GetValue<string>());
        Assert.Equal(UploadBytes, running["size"]!.GetValue<long>());
        Assert.InRange(running["bytesSent"]!.GetValue<long>(), 1, UploadBytes);
        Assert.True(human.ExitCode == 0, human.Error);
        Assert.Contains($"{mountPoint}: ", human.OutputText, StringComparison.Ordinal);
        Assert.Contains("slow.bin [", human.OutputText, StringComparison.Ordinal);
        Assert.Contains("of 6.0 MiB", human.OutputText, StringComparison.Ordinal);
        Assert.Contains("upload/get_upload_server.cgi", human.OutputText, StringComparison.Ordinal);
        await mount.StopCleanlyAsync();
        Assert.Empty(Directory.GetFiles(RuntimeFolder.SocketFolder(environment)));
    }

    [Fact]
    public async Task Watch_shows_the_status_again_every_second_as_plain_blocks_when_not_on_a_terminal()
    {
        await using var account = await EmulatedAccount.StartAsync(EmulatorLimitsMode.Relaxed, Token);
        var environment = RuntimeFolder.EnvironmentFor(account);
        var mountPoint = account.CreateDirectory("mnt");
        await using var mount = await FsMountProcess.StartAsync(mountPoint, environment, account.MountArguments());

        using var watch = System.Diagnostics.Process.Start(FsMountProcess.CreateStartInfo(environment, "status", "--watch"))!;
        var lines = new List<string>();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            while (lines.Count(line => line.StartsWith($"{mountPoint}: ", StringComparison.Ordinal)) < 2)
            {
                lines.Add(await watch.StandardOutput.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException($"status --watch ended: {string.Join('\n', lines)}"));
            }
        }
        finally
        {
            watch.Kill();
            await watch.WaitForExitAsync(Token);
        }

        // No screen control when stdout is not a terminal: blocks separated by an empty line.
        Assert.DoesNotContain(lines, line => line.Contains('\u001b', StringComparison.Ordinal));
        Assert.Contains("", lines);
        await mount.StopCleanlyAsync();
    }

    [Fact]
    public async Task The_socket_is_private_to_its_owner_and_another_user_cannot_open_it()
    {
        await using var account = await EmulatedAccount.StartAsync(EmulatorLimitsMode.Relaxed, Token);
        var environment = RuntimeFolder.EnvironmentFor(account);
        var mountPoint = account.CreateDirectory("mnt");
        await using var mount = await FsMountProcess.StartAsync(mountPoint, environment, account.MountArguments());
        var folder = RuntimeFolder.SocketFolder(environment);
        var socket = Assert.Single(Directory.GetFiles(folder));

        // The user reaches the runtime folder and the test's binaries, as NonRootMountTests' user does.
        File.SetUnixFileMode(account.WorkDirectory, (UnixFileMode)0x1ED);
        await using var other = await TestUser.CreateAsync(OtherUserName, Path.Combine(account.WorkDirectory, "home"));
        var refusedByFolder = await FsmountAsync(environment, other, "status", mountPoint);

        // Even with the folder opened, the socket's own mode keeps the other user out.
        File.SetUnixFileMode(folder, (UnixFileMode)0x1C9);
        ProcessResult refusedBySocket;
        try
        {
            refusedBySocket = await FsmountAsync(environment, other, "status", mountPoint);
        }
        finally
        {
            File.SetUnixFileMode(folder, (UnixFileMode)0x1C0);
        }

        var owner = await FsmountAsync(environment, "status", mountPoint);

        Assert.Equal((UnixFileMode)0x1C0, File.GetUnixFileMode(folder));
        Assert.Equal((UnixFileMode)0x180, File.GetUnixFileMode(socket));
        foreach (var refused in (ProcessResult[])[refusedByFolder, refusedBySocket])
        {
            Assert.NotEqual(0, refused.ExitCode);
            Assert.Contains("permission denied", Assert.Single(Lines(refused.Error)), StringComparison.Ordinal);
        }

        Assert.True(owner.ExitCode == 0, owner.Error);
        await mount.StopCleanlyAsync();
    }

    [Fact]
    public async Task Without_a_mount_status_says_so_in_one_line_and_fails()
    {
        await using var account = await EmulatedAccount.StartAsync(EmulatorLimitsMode.Relaxed, Token);
        var environment = RuntimeFolder.EnvironmentFor(account);
        var notMounted = account.CreateDirectory("not-mounted");

        var all = await FsmountAsync(environment, "status");
        var one = await FsmountAsync(environment, "status", notMounted, "--json");

        Assert.NotEqual(0, all.ExitCode);
        Assert.Equal("fsmount: no fsmount mount of this user is running", Assert.Single(Lines(all.Error)).Split(" (")[0]);
        Assert.Empty(all.OutputText);
        Assert.NotEqual(0, one.ExitCode);
        Assert.Contains($"no fsmount mount of this user is running on {notMounted}", Assert.Single(Lines(one.Error)), StringComparison.Ordinal);
        Assert.Empty(one.OutputText);
    }

    [Fact]
    public async Task A_socket_left_by_a_killed_mount_is_not_a_mount_and_the_next_mount_replaces_it()
    {
        await using var account = await EmulatedAccount.StartAsync(EmulatorLimitsMode.Relaxed, Token);
        var environment = RuntimeFolder.EnvironmentFor(account);
        var mountPoint = account.CreateDirectory("mnt");
        await using (var killed = await FsMountProcess.StartAsync(mountPoint, environment, account.MountArguments()))
        {
            await killed.CrashAsync();
        }

        var stale = Assert.Single(Directory.GetFiles(RuntimeFolder.SocketFolder(environment)));
        var afterCrash = await FsmountAsync(environment, "status");
        await using var again = await FsMountProcess.StartAsync(mountPoint, environment, account.MountArguments());
        var status = await FsmountAsync(environment, "status", mountPoint, "--json");

        Assert.NotEqual(0, afterCrash.ExitCode);
        Assert.True(status.ExitCode == 0, status.Error);
        Assert.Equal(mountPoint, JsonNode.Parse(status.OutputText)!["mountPoint"]!.GetValue<string>());
        Assert.Equal([stale], Directory.GetFiles(RuntimeFolder.SocketFolder(environment)));
        await again.StopCleanlyAsync();
    }

    private static Task<ProcessResult> FsmountAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        FsmountAsync(environment, user: null, arguments);

    private static Task<ProcessResult> FsmountAsync(IReadOnlyDictionary<string, string> environment, TestUser? user, params string[] arguments) =>
        ChildProcess.RunAsync(TimeSpan.FromMinutes(1), FsMountProcess.CreateStartInfo(environment, user, arguments));

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
