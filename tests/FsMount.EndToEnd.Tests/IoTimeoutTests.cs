using System.Text.Json.Nodes;
using FsMount.Emulator;
using FsMount.Testing;

namespace FsMount.EndToEnd.Tests;

/// <summary>
/// A request that waits on the service longer than <c>--io-timeout</c> is answered EIO, with one
/// warning line, and the mount serves again once the service answers.
/// </summary>
public sealed class IoTimeoutTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_listing_the_service_does_not_answer_fails_with_EIO_after_the_io_timeout_and_works_once_it_answers()
    {
        FuseAvailability.RequireOrSkip();
        await using var account = await EmulatedAccount.StartAsync(EmulatorLimitsMode.Relaxed, Token);
        await account.Client.CreateFolderAsync(0, "slow", Token);
        var mountPoint = account.CreateDirectory("mnt");
        // An attempt of a call ends after 3 s, so the listing still running behind the failed request
        // (shared by every request for the folder, it outlives each) is retried soon after the service is back.
        var environment = new Dictionary<string, string>(account.FastEnvironment) { ["FSMOUNT_OneFichier__ApiCallTimeout"] = "00:00:03" };
        await using var mount = await FsMountProcess.StartAsync(mountPoint, environment, account.MountArguments("--io-timeout", "2s"));

        // Every answer now takes 10 minutes: listing the new folder waits on the service.
        await account.SetFaultsAsync(new JsonObject { ["latencyMs"] = 600_000 }, Token);
        var stalled = await ChildProcess.RunAsync(TimeSpan.FromMinutes(1), "ls", Path.Combine(mountPoint, "slow"));

        Assert.NotEqual(0, stalled.ExitCode);
        Assert.Contains("Input/output error", stalled.Error, StringComparison.Ordinal);
        await Eventually.TrueAsync(() => mount.Output.Contains("past the I/O time-out", StringComparison.Ordinal), "the mount logs the time-out");

        await account.SetFaultsAsync(new JsonObject { ["latencyMs"] = 0 }, Token);
        await Eventually.TrueAsync(
            async () => (await ChildProcess.RunAsync("ls", Path.Combine(mountPoint, "slow"))).ExitCode == 0, "the folder is listed once the service answers");
        await mount.StopCleanlyAsync();
    }
}
