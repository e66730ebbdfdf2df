using FsMount.Emulator;
using FsMount.Testing;

namespace FsMount.EndToEnd.Tests;

/// <summary>
/// Two mounts of one account on one host pace their calls as one: the service counts calls per account and
/// per IP, not per process. Each mount alone stays under the emulator's limits; the two at once, each at
/// its own pace, would not (checked by hand with the shared file turned off: flood answers within seconds).
/// </summary>
public sealed class SharedBudgetTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_mounts_of_one_account_busy_at_once_get_no_flood_answer()
    {
        // 10 calls/s for the account; each mount sends up to 7/s, so 14/s together unless they share.
        // Listings of a folder 2 s apart at most; each mount spaces its own 2.5 s, and both list the root at start.
        await using var account = await EmulatedAccount.StartAsync(EmulatorLimitsMode.Strict, requestsPerSecond: 10, folderListingInterval: TimeSpan.FromSeconds(2), Token);
        var environment = new Dictionary<string, string>(RuntimeFolder.EnvironmentFor(account))
        {
            ["FSMOUNT_OneFichier__CallsPerSecond"] = "7",
            ["FSMOUNT_OneFichier__CallBurst"] = "1",
            ["FSMOUNT_OneFichier__FolderListingSpacing"] = "00:00:02.5",
        };
        var (firstMount, secondMount) = (account.CreateDirectory("first"), account.CreateDirectory("second"));
        await using var first = await FsMountProcess.StartAsync(firstMount, environment, account.MountArgumentsWithCache(account.CreateDirectory("first-cache")));
        await using var second = await FsMountProcess.StartAsync(secondMount, environment, account.MountArgumentsWithCache(account.CreateDirectory("second-cache")));

        await Task.WhenAll(MakeFoldersAsync(firstMount, "a"), MakeFoldersAsync(secondMount, "b"));

        // Each mount has a cache folder of its own, so without the shared ask the second would send
        // user/info.cgi within the service's 5 minutes and get #38.
        var firstAbout = await ChildProcess.RunAsync(TimeSpan.FromMinutes(1), FsMountProcess.CreateStartInfo(environment, "about", firstMount));
        var secondAbout = await ChildProcess.RunAsync(TimeSpan.FromMinutes(1), FsMountProcess.CreateStartInfo(environment, "about", secondMount));

        Assert.Equal(0, await account.FloodRejectionsAsync(Token));
        Assert.Equal(30, await account.CallsAsync("/v1/folder/mkdir.cgi", Token));
        Assert.Equal(2, await account.CallsAsync("/v1/folder/ls.cgi", Token));
        Assert.True(firstAbout.ExitCode == 0, firstAbout.Error);
        Assert.True(secondAbout.ExitCode == 0, secondAbout.Error);
        Assert.Equal(UsedLine(firstAbout.OutputText), UsedLine(secondAbout.OutputText));
        Assert.Equal(1, await account.CallsAsync("/v1/user/info.cgi", Token));
        await first.StopCleanlyAsync();
        await second.StopCleanlyAsync();
    }

    private static string UsedLine(string output) => output.Split('\n').Single(line => line.StartsWith("used:", StringComparison.Ordinal));

    private static Task MakeFoldersAsync(string mountPoint, string prefix) => Task.Run(
        () =>
        {
            for (var i = 0; i < 15; i++)
            {
                Directory.CreateDirectory(Path.Combine(mountPoint, $"{prefix}{i}"));
            }
        },
        Token);
}
