using System.Text.Json.Nodes;
using FsMount.Emulator;
using FsMount.Testing;

namespace FsMount.EndToEnd.Tests;

/// <summary>
/// A signal to a reader waiting on a slow download reaches the service: the kernel sends INTERRUPT,
/// the request's token is cancelled, and the HTTP transfer behind it is closed at once, not when the
/// download would have ended.
/// </summary>
public sealed class InterruptTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Interrupting_a_read_closes_its_download_long_before_it_would_have_ended()
    {
        FuseAvailability.RequireOrSkip();
        await using var account = await EmulatedAccount.StartAsync(EmulatorLimitsMode.Relaxed, Token);
        var mountPoint = account.CreateDirectory("mnt");
        var local = Path.Combine(account.CreateDirectory("local"), "slow.bin");
        await File.WriteAllBytesAsync(local, new byte[2 * 1024 * 1024], Token);
        await using (var first = await FsMountProcess.StartAsync(mountPoint, account.FastEnvironment, account.MountArguments("--write-back", "0s")))
        {
            await ChildProcess.OutputOfAsync("cp", local, mountPoint);
            await first.StopCleanlyAsync();
        }

        // 8 KiB/s: the first 1 MiB window would take two minutes to arrive. No chunk cache, which
        // holds the file since its upload through the mount: the read must go to the service.
        await account.SetFaultsAsync(new JsonObject { ["bandwidthPerStream"] = 8192 }, Token);
        await using var mount = await FsMountProcess.StartAsync(mountPoint, account.FastEnvironment, account.MountArguments("--cache-max-size", "0"));
        var aborted = await account.AbortedDownloadsAsync(Token);

        // O_DIRECT: dd itself waits on the READ (no page-cache readahead in between), so its SIGINT becomes an INTERRUPT.
        var read = await ChildProcess.RunAsync("timeout", "-s", "INT", "2", "dd", $"if={Path.Combine(mountPoint, "slow.bin")}", "of=/dev/null", "bs=1M", "count=1", "iflag=direct");

        Assert.Equal(124, read.ExitCode);
        await Eventually.TrueAsync(async () => await account.AbortedDownloadsAsync(Token) > aborted, "the interrupted download was closed");

        Assert.True(await account.BytesDownloadedAsync(Token) < 1024 * 1024, "the whole window was downloaded: the transfer was not closed by the interrupt");
        await account.SetFaultsAsync(new JsonObject { ["bandwidthPerStream"] = 0 }, Token);
        await mount.StopCleanlyAsync();
    }
}
