using System.Text.Json.Nodes;
using FsMount.Emulator;
using FsMount.Testing;

namespace FsMount.EndToEnd.Tests;

/// <summary>A start that the service makes wait says what it waits for and how long, then mounts.</summary>
public sealed class StartupPauseTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_start_during_a_lock_out_says_what_it_waits_for_and_mounts_after()
    {
        FuseAvailability.RequireOrSkip();
        await using var account = await EmulatedAccount.StartAsync(EmulatorLimitsMode.Relaxed, Token);
        var mountPoint = account.CreateDirectory("mnt");
        // A flood answer pauses every call for 3 s (the service's own pause is longer), long enough to be told.
        var environment = new Dictionary<string, string>(account.FastEnvironment)
        {
            ["FSMOUNT_OneFichier__FloodPause"] = "00:00:03",
            ["FSMOUNT_OneFichier__MaxFloodPause"] = "00:00:03",
        };
        await account.LockOutAsync(TimeSpan.FromSeconds(4), Token);

        await using var mount = await FsMountProcess.StartAsync(mountPoint, environment, account.MountArguments());

        var waiting = mount.Output.Split('\n').First(line => line.StartsWith("fsmount: waiting ", StringComparison.Ordinal));
        Assert.Contains("every API call", waiting, StringComparison.Ordinal);
        Assert.Contains("flood detected", waiting, StringComparison.Ordinal);
        Assert.True(
            mount.Output.IndexOf("fsmount: waiting ", StringComparison.Ordinal) < mount.Output.IndexOf(" is mounted on ", StringComparison.Ordinal),
            "the wait is told before the ready line");
        await mount.StopCleanlyAsync();
    }

    [Fact]
    public async Task A_start_whose_first_calls_fail_says_each_retry_and_its_reason_and_mounts_after()
    {
        FuseAvailability.RequireOrSkip();
        await using var account = await EmulatedAccount.StartAsync(EmulatorLimitsMode.Relaxed, Token);
        var mountPoint = account.CreateDirectory("mnt");
        var environment = new Dictionary<string, string>(account.FastEnvironment)
        {
            ["FSMOUNT_OneFichier__RetryBaseDelay"] = "00:00:00.5",
            ["FSMOUNT_OneFichier__RetryMaxDelay"] = "00:00:01",
        };
        // Every call fails with a 503 until the emulator has answered two of them so; the retries run on past it.
        await account.SetFaultsAsync(new JsonObject { ["serverErrorRate"] = 1.0 }, Token);
        var healing = Task.Run(
            async () =>
            {
                await Eventually.TrueAsync(async () => (await account.InjectedFaultsAsync(Token)).ServerErrors >= 2, "two calls got a 503");
                await account.SetFaultsAsync(new JsonObject { ["serverErrorRate"] = 0.0 }, Token);
            },
            Token);

        await using var mount = await FsMountProcess.StartAsync(mountPoint, environment, account.MountArguments());
        await healing;

        var retry = mount.Output.Split('\n').First(line => line.StartsWith("fsmount: folder/ls.cgi failed (", StringComparison.Ordinal));
        Assert.Contains("; retry ", retry, StringComparison.Ordinal);
        Assert.True(
            mount.Output.IndexOf(retry, StringComparison.Ordinal) < mount.Output.IndexOf(" is mounted on ", StringComparison.Ordinal),
            "the retry is told before the ready line");
        await mount.StopCleanlyAsync();
    }
}
