using FsMount.Emulator;
using FsMount.Testing;

namespace FsMount.EndToEnd.Tests;

/// <summary>
/// <c>fsmount mount</c> with a config file in a temporary home: its values and profiles take effect
/// on a real mount, the environment overrides it and the command line overrides both, and a bad
/// file or value is one line naming the setting and where it was set.
/// </summary>
public sealed class ConfigurationTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_profile_of_the_config_file_mounts_read_only_with_the_umask_it_inherits()
    {
        FuseAvailability.RequireOrSkip();
        await using var account = await EmulatedAccount.StartAsync(EmulatorLimitsMode.Relaxed, Token);
        var home = Home(account);
        await WriteConfigAsync(home, """{ "umask": "077", "profiles": { "archive": { "readOnly": true }, "media": { "umask": "022" } } }""");
        var mountPoint = account.CreateDirectory("mnt");

        await using var mount = await FsMountProcess.StartAsync(mountPoint, Environment(account, home), account.MountArguments("--profile", "archive"));

        Assert.StartsWith("ro,", MountInfo.EntryFor(mountPoint)!.Split(' ')[5], StringComparison.Ordinal);
        // A read-only mount shows no write permission (0555), less the umask.
        Assert.Equal("500", await ModeOfAsync(mountPoint));
        await mount.StopCleanlyAsync();
    }

    [Fact]
    public async Task The_command_line_overrides_the_environment_which_overrides_the_config_file()
    {
        FuseAvailability.RequireOrSkip();
        await using var account = await EmulatedAccount.StartAsync(EmulatorLimitsMode.Relaxed, Token);
        var home = Home(account);
        await WriteConfigAsync(home, """{ "umask": "077" }""");
        var mountPoint = account.CreateDirectory("mnt");
        var environment = Environment(account, home);
        environment["FSMOUNT_UMASK"] = "027";

        await using (var fromEnvironment = await FsMountProcess.StartAsync(mountPoint, environment, account.MountArguments()))
        {
            Assert.Equal("750", await ModeOfAsync(mountPoint));

            // Flags not given are not set: a read-write mount, for its user only.
            var mountOptions = MountInfo.EntryFor(mountPoint)!;
            Assert.StartsWith("rw,", mountOptions.Split(' ')[5], StringComparison.Ordinal);
            Assert.DoesNotContain("allow_other", mountOptions, StringComparison.Ordinal);
            await fromEnvironment.StopCleanlyAsync();
        }

        await using var fromCommandLine = await FsMountProcess.StartAsync(mountPoint, environment, account.MountArguments("--umask", "022"));
        Assert.Equal("755", await ModeOfAsync(mountPoint));
        await fromCommandLine.StopCleanlyAsync();
    }

    [Fact]
    public async Task Bad_settings_are_one_line_naming_the_setting_and_where_it_was_set()
    {
        var home = Directory.CreateTempSubdirectory("fsmount-config-").FullName;
        try
        {
            var mountPoint = Directory.CreateDirectory(Path.Combine(home, "mnt")).FullName;
            var configFile = await WriteConfigAsync(home, """{ "profiles": { "media": { "cacheMaxSize": "lots" }, "work": {"umask": "022"} } }""");
            var environment = new Dictionary<string, string> { ["HOME"] = home, ["XDG_CONFIG_HOME"] = Path.Combine(home, ".config"), ["FICHIER_API_KEY"] = "SecretKeyThatMustNotLeak_0123456789" };
            var badJson = Path.Combine(home, "bad.json");
            await File.WriteAllTextAsync(badJson, "{\n  \"umask\": \"022\"\n  \"readOnly\": true\n}\n", Token);

            var badValue = await RunAsync(environment, "mount", mountPoint, "--profile", "media");
            var unknownProfile = await RunAsync(environment, "mount", mountPoint, "--profile", "meda");
            var unknownFromEnvironment = await RunAsync(new Dictionary<string, string>(environment) { ["FSMOUNT_PROFILE"] = "nope" }, "mount", mountPoint);
            var badEnvironment = await RunAsync(new Dictionary<string, string>(environment) { ["FSMOUNT_writeBack"] = "soon" }, "mount", mountPoint);
            var invalidJson = await RunAsync(environment, "mount", mountPoint, "--config", badJson);
            var missingConfig = await RunAsync(environment, "mount", mountPoint, "--config", Path.Combine(home, "missing.json"));

            Assert.Equal($"fsmount: profiles.media.cacheMaxSize in {configFile}: 'lots' is not a size (e.g. 500MB, 2G, 10GiB; 0 for none)", SingleErrorLine(badValue));
            Assert.Equal("fsmount: --profile: unknown profile 'meda'; the profiles are: media, work", SingleErrorLine(unknownProfile));
            Assert.Equal("fsmount: FSMOUNT_PROFILE in the environment: unknown profile 'nope'; the profiles are: media, work", SingleErrorLine(unknownFromEnvironment));
            Assert.Equal("fsmount: FSMOUNT_writeBack in the environment: 'soon' is not a duration (e.g. 5s, 10m, 1h)", SingleErrorLine(badEnvironment));
            Assert.StartsWith($"fsmount: cannot read the config file {badJson}: it is not valid JSON at line 3 (", SingleErrorLine(invalidJson), StringComparison.Ordinal);
            Assert.Equal($"fsmount: the config file {Path.Combine(home, "missing.json")} does not exist; give an existing file to --config", SingleErrorLine(missingConfig));
            Assert.All([badValue, unknownProfile, unknownFromEnvironment, badEnvironment, invalidJson, missingConfig], result => Assert.Equal(2, result.ExitCode));
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Fact]
    public async Task A_misspelled_key_is_one_warning_naming_it()
    {
        var home = Directory.CreateTempSubdirectory("fsmount-config-").FullName;
        try
        {
            var mountPoint = Directory.CreateDirectory(Path.Combine(home, "mnt")).FullName;
            var configFile = await WriteConfigAsync(home, """{ "cacheMaxsize": "2G" }""");
            var environment = new Dictionary<string, string> { ["HOME"] = home, ["XDG_CONFIG_HOME"] = Path.Combine(home, ".config") };

            var result = await RunAsync(environment, "mount", mountPoint);

            var lines = Lines(result.Error);
            Assert.Equal(2, lines.Length);
            Assert.Equal($"fsmount: warning: cacheMaxsize in {configFile} is not a setting fsmount knows; it is ignored (did you mean 'cacheMaxSize'?)", lines[0]);
            Assert.StartsWith("fsmount: no API key", lines[1], StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    private static string Home(EmulatedAccount account) => account.CreateDirectory("home");

    private static Dictionary<string, string> Environment(EmulatedAccount account, string home) =>
        new Dictionary<string, string>(account.KeyEnvironment) { ["HOME"] = home, ["XDG_CONFIG_HOME"] = Path.Combine(home, ".config") };

    private static async Task<string> WriteConfigAsync(string home, string json)
    {
        var folder = Directory.CreateDirectory(Path.Combine(home, ".config", "fsmount")).FullName;
        var path = Path.Combine(folder, "config.json");
        await File.WriteAllTextAsync(path, json, Token);
        return path;
    }

    private static async Task<string> ModeOfAsync(string path) => (await ChildProcess.OutputOfAsync("stat", "-c", "%a", path)).Trim();

    private static async Task<ProcessResult> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        await ChildProcess.RunAsync(TimeSpan.FromMinutes(1), FsMountProcess.CreateStartInfo(environment, arguments));

    private static string SingleErrorLine(ProcessResult result) => Assert.Single(Lines(result.Error));

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
