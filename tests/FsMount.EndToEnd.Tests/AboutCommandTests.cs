using System.Globalization;
using FsMount.Emulator;
using FsMount.Testing;

namespace FsMount.EndToEnd.Tests;

/// <summary>
/// <c>fsmount about</c> against the emulator with the service's strict user-info rule (one ask per
/// 5 minutes, a flood answer otherwise): twice without a mount, then through a running mount of the
/// account (by its mount point and by the account's settings), one <c>user/info.cgi</c> call in all,
/// no flood answer, and the values the emulator holds.
/// </summary>
public sealed class AboutCommandTests
{
    private const int FileBytes = 300_000;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task About_twice_and_while_a_mount_runs_asks_the_service_once_and_shows_what_it_holds()
    {
        FuseAvailability.RequireOrSkip();
        await using var account = await EmulatedAccount.StartAsync(EmulatorLimitsMode.Strict, Token);
        var environment = RuntimeFolder.EnvironmentFor(account);
        var local = Path.Combine(account.CreateDirectory("local"), "film.mkv");
        await File.WriteAllBytesAsync(local, new byte[FileBytes], Token);
        await account.Client.UploadFileAsync(local, 0, "film.mkv", progress: null, Token);

        var first = await FsmountAsync(environment, ["about", .. account.MountArguments()]);
        var second = await FsmountAsync(environment, ["about", .. account.MountArguments()]);
        var mountPoint = account.CreateDirectory("mnt");
        await using var mount = await FsMountProcess.StartAsync(mountPoint, environment, account.MountArguments());
        var byMountPoint = await FsmountAsync(environment, "about", mountPoint);
        var byAccount = await FsmountAsync(environment, ["about", .. account.MountArguments()]);

        foreach (var about in new[] { first, second, byMountPoint, byAccount })
        {
            Assert.True(about.ExitCode == 0, about.Error);
            Assert.Equal(first.OutputText, about.OutputText);
        }

        var quota = new EmulatorOptions { DataDirectory = account.WorkDirectory }.StorageQuota;
        var shown = Fields(first.OutputText);
        Assert.EndsWith($"({FileBytes} bytes)", shown["used"], StringComparison.Ordinal);
        Assert.EndsWith($"({quota.ToString(CultureInfo.InvariantCulture)} bytes)", shown["quota"], StringComparison.Ordinal);
        Assert.EndsWith($"({(quota - FileBytes).ToString(CultureInfo.InvariantCulture)} bytes)", shown["free"], StringComparison.Ordinal);
        var subscriptionEnd = DateTimeOffset.ParseExact(shown["subscription"]["ends ".Length..], "yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture);
        Assert.InRange(subscriptionEnd, DateTimeOffset.UtcNow.AddYears(1).AddDays(-1), DateTimeOffset.UtcNow.AddYears(1).AddDays(1));
        Assert.Equal(1, await account.CallsAsync("/v1/user/info.cgi", Token));
        Assert.Equal(0, await account.FloodRejectionsAsync(Token));
        await mount.StopCleanlyAsync();
    }

    [Fact]
    public async Task About_a_mount_point_where_nothing_runs_says_so_in_one_line()
    {
        await using var account = await EmulatedAccount.StartAsync(EmulatorLimitsMode.Strict, Token);
        var environment = RuntimeFolder.EnvironmentFor(account);

        var about = await FsmountAsync(environment, "about", account.CreateDirectory("mnt"));

        Assert.Equal(1, about.ExitCode);
        Assert.Contains("no fsmount mount of this user is running on", Assert.Single(Lines(about.Error)), StringComparison.Ordinal);
        Assert.Equal(0, await account.AllCallsAsync(Token));
    }

    private static Dictionary<string, string> Fields(string output) =>
        Lines(output).Select(line => line.Split(':', 2)).ToDictionary(parts => parts[0], parts => parts[1].Trim());

    private static Task<ProcessResult> FsmountAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        ChildProcess.RunAsync(TimeSpan.FromMinutes(1), FsMountProcess.CreateStartInfo(environment, arguments));

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
