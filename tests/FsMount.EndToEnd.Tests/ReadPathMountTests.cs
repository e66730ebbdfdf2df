using System.Diagnostics;
using FsMount.Emulator;
using FsMount.Testing;

namespace FsMount.EndToEnd.Tests;

/// <summary>
/// The read path under the service's strict limits, through a real mount: what the mount answers
/// while the service rations it, and what a restart costs.
/// </summary>
public sealed class ReadPathMountTests
{
    // The issue's bound for answers that must not wait on the service (they are memory and disk reads).
    private static readonly TimeSpan s_atOnce = TimeSpan.FromSeconds(1);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task With_account_info_rationed_df_ls_and_reads_answer_at_once_and_unmount_is_immediate()
    {
        FuseAvailability.RequireOrSkip();
        await using var account = await EmulatedAccount.StartAsync(EmulatorLimitsMode.Strict, Token);
        var local = account.CreateDirectory("local");
        var films = await account.Client.CreateFolderAsync(0, "Films", Token);
        var (seen, unseen) = (Path.Combine(local, "seen.mkv"), Path.Combine(local, "unseen.mkv"));
        await File.WriteAllBytesAsync(seen, RandomBytes(3 << 20), Token);
        await File.WriteAllBytesAsync(unseen, RandomBytes(2 << 20), Token);
        await account.Client.UploadFileAsync(seen, films.FolderId, "seen.mkv", progress: null, Token);
        await account.Client.UploadFileAsync(unseen, films.FolderId, "unseen.mkv", progress: null, Token);

        // Another client asked for the account's info a moment ago: the service answers the next
        // ask within 5 minutes with "Flood detected #38", for that endpoint only.
        await account.Client.GetAccountInfoAsync(Token);
        var mountPoint = account.CreateDirectory("mnt");
        await using var mount = await FsMountProcess.StartAsync(mountPoint, account.KeyEnvironment, account.MountArguments());
        var folder = Path.Combine(mountPoint, "Films");
        await ChildProcess.OutputOfAsync("ls", "-l", folder);
        await AssertSameBytesAsync(seen, Path.Combine(folder, "seen.mkv"));

        var df = await AtOnceAsync("df", "-B1", "--output=size,avail", mountPoint);
        Assert.Matches(@"\d+\s+\d+\s*$", df);
        await Eventually.TrueAsync(async () => await account.CallsAsync("/v1/user/info.cgi", Token) == 2, "the mount asked for the account info");

        await AtOnceAsync("df", mountPoint);
        Assert.Contains("unseen.mkv", await AtOnceAsync("ls", "-l", folder), StringComparison.Ordinal);
        await AtOnceAsync("cmp", seen, Path.Combine(folder, "seen.mkv"));
        await AssertSameBytesAsync(unseen, Path.Combine(folder, "unseen.mkv"));
        Assert.DoesNotContain("every call pauses", mount.Output, StringComparison.Ordinal);

        await AtOnceAsync("umount", mountPoint);
        Assert.Equal(0, await mount.WaitForExitAsync());
    }

    [Fact]
    public async Task A_mount_restarted_right_after_a_listing_serves_the_root_from_disk_without_waiting()
    {
        FuseAvailability.RequireOrSkip();
        await using var account = await EmulatedAccount.StartAsync(EmulatorLimitsMode.Strict, Token);
        await account.Client.CreateFolderAsync(0, "Séries", Token);
        var mountPoint = account.CreateDirectory("mnt");
        await using (var first = await FsMountProcess.StartAsync(mountPoint, account.KeyEnvironment, account.MountArguments()))
        {
            Assert.Contains("Séries", await ChildProcess.OutputOfAsync("ls", mountPoint), StringComparison.Ordinal);
            await first.StopCleanlyAsync();
        }

        var started = Stopwatch.StartNew();
        await using var second = await FsMountProcess.StartAsync(mountPoint, account.KeyEnvironment, account.MountArguments());
        Assert.Contains("Séries", await ChildProcess.OutputOfAsync("ls", mountPoint), StringComparison.Ordinal);
        var elapsed = started.Elapsed;

        Assert.Equal(1, await account.CallsAsync("/v1/folder/ls.cgi", Token));
        Assert.Equal(0, await account.FloodRejectionsAsync(Token));

        // Listing the root again would have waited for the service's 30 s between two listings.
        Assert.True(elapsed < TimeSpan.FromSeconds(20), $"the restarted mount took {elapsed} to show the root");
        await second.StopCleanlyAsync();
    }

    private static async Task<string> AtOnceAsync(string program, params string[] arguments)
    {
        var started = Stopwatch.StartNew();
        var output = await ChildProcess.OutputOfAsync(program, arguments);
        Assert.True(started.Elapsed < s_atOnce, $"{program} {string.Join(' ', arguments)} took {started.Elapsed}");
        return output;
    }

    private static async Task AssertSameBytesAsync(string expectedPath, string mountedPath)
    {
        var result = await ChildProcess.RunAsync("cmp", expectedPath, mountedPath);
        Assert.True(result.ExitCode == 0, $"cmp {mountedPath}: {result.OutputText}{result.Error}");
    }

    private static byte[] RandomBytes(int size)
    {
        var bytes = new byte[size];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }
}
