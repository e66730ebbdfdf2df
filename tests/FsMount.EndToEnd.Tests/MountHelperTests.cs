using FsMount.Emulator;
using FsMount.Testing;

namespace FsMount.EndToEnd.Tests;

/// <summary>
/// <c>mount.fsmount</c>, run with the arguments mount(8) gives it for an /etc/fstab line of type fsmount:
/// its -o options become fsmount's, mount-only ones are skipped, and the account is mounted in the background.
/// </summary>
public sealed class MountHelperTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_helper_mounts_with_the_fstab_options_and_returns()
    {
        await using var account = await EmulatedAccount.StartAsync(EmulatorLimitsMode.Relaxed, Token);
        var environment = RuntimeFolder.EnvironmentFor(account);
        environment.Remove("FICHIER_API_KEY");
        var mountPoint = account.CreateDirectory("mnt");
        var helper = InstallHelper(account);
        var keyFile = Path.Combine(account.WorkDirectory, "key");
        await File.WriteAllTextAsync(keyFile, account.Server.ApiKey, Token);
        File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await account.Client.CreateFolderAsync(0, "from-fstab", Token);
        var options = $"_netdev,nofail,noatime,x-systemd.automount,ro,allow_other,uid=1234,umask=027,cache_max_size=20M,api_url={account.Server.ApiUrl.AbsoluteUri},api_key_file={keyFile},cache_dir={account.CacheDirectory}";

        var mounted = await ChildProcess.RunAsync(TimeSpan.FromMinutes(2), Helper(helper, environment, "default", mountPoint, "-o", options));
        await using var background = await BackgroundMount.FindAsync(mountPoint, environment);

        Assert.True(mounted.ExitCode == 0, mounted.Error);
        Assert.Contains($" is mounted on {mountPoint}", mounted.OutputText, StringComparison.Ordinal);
        var entry = MountInfo.EntryFor(mountPoint);
        Assert.NotNull(entry);
        Assert.StartsWith("ro,", entry.Split(' ')[5], StringComparison.Ordinal);
        Assert.Contains("allow_other", entry, StringComparison.Ordinal);
        var folder = await ChildProcess.RunAsync("stat", "-c", "%u %a", Path.Combine(mountPoint, "from-fstab"));
        // A folder's 0755, less the write bits of a read-only mount and the umask's 027.
        Assert.Equal("1234 550\n", folder.OutputText);
        var refused = await ChildProcess.RunAsync("touch", Path.Combine(mountPoint, "new"));
        Assert.Contains("Read-only file system", refused.Error, StringComparison.Ordinal);

        await background.UnmountAsync();
    }

    [Fact]
    public async Task An_unknown_option_is_one_line_and_nothing_is_mounted()
    {
        await using var account = await EmulatedAccount.StartAsync(EmulatorLimitsMode.Relaxed, Token);
        var environment = RuntimeFolder.EnvironmentFor(account);
        var mountPoint = account.CreateDirectory("mnt");
        var helper = InstallHelper(account);

        var refused = await ChildProcess.RunAsync(TimeSpan.FromMinutes(1), Helper(helper, environment, "default", mountPoint, "-o", "nofail,bogus=1"));
        var fake = await ChildProcess.RunAsync(TimeSpan.FromMinutes(1), Helper(helper, environment, "default", mountPoint, "-f", "-o", "ro"));

        Assert.Equal(2, refused.ExitCode);
        Assert.StartsWith("mount.fsmount: unknown option 'bogus=1'", Assert.Single(refused.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.Equal(0, fake.ExitCode);
        Assert.False(MountInfo.IsMounted(mountPoint));
    }

    // The helper as installed: mount.fsmount beside an fsmount program (here a wrapper that runs the built one).
    private static string InstallHelper(EmulatedAccount account)
    {
        var bin = account.CreateDirectory("bin");
        var helper = Path.Combine(bin, "mount.fsmount");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "mount.fsmount"), helper);
        var program = Path.Combine(bin, "fsmount");
        File.WriteAllText(program, $"#!/bin/sh\nexec dotnet '{Path.Combine(AppContext.BaseDirectory, "fsmount.dll")}' \"$@\"\n");
        var executable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        File.SetUnixFileMode(helper, executable);
        File.SetUnixFileMode(program, executable);
        return helper;
    }

    private static System.Diagnostics.ProcessStartInfo Helper(string helper, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var startInfo = ChildProcess.StartInfo(helper, arguments);
        startInfo.Environment.Remove("FICHIER_API_KEY");
        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        return startInfo;
    }
}
