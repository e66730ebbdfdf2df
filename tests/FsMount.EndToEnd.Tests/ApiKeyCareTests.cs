using FsMount.Emulator;
using FsMount.Testing;

namespace FsMount.EndToEnd.Tests;

/// <summary>
/// The API key as the service's users are told to keep it: a pasted key with white space around works;
/// a key that cannot be one is refused before any call; a key the service refuses gives one line that
/// says to check it and where to regenerate it. The key is in no output.
/// </summary>
public sealed class ApiKeyCareTests
{
    private const string KeyPage = "https://1fichier.com/console/params.pl";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_key_with_white_space_around_from_the_environment_or_a_file_works()
    {
        await using var account = await EmulatedAccount.StartAsync(EmulatorLimitsMode.Strict, Token);
        var keyFile = Path.Combine(account.WorkDirectory, "key");
        await File.WriteAllTextAsync(keyFile, $"  {account.Server.ApiKey} \r\n", Token);
        File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var withEnvironment = await FsmountAsync(EnvironmentWithKey(account, $"\t{account.Server.ApiKey}\n"), ["about", .. account.MountArguments()]);
        var withFile = await FsmountAsync(EnvironmentWithKey(account, key: null), ["about", "--api-key-file", keyFile, .. account.MountArguments()]);

        Assert.True(withEnvironment.ExitCode == 0, withEnvironment.Error);
        Assert.True(withFile.ExitCode == 0, withFile.Error);
        Assert.Equal(withEnvironment.OutputText, withFile.OutputText);
        AssertKeyAbsent(account.Server.ApiKey, withEnvironment, withFile);
    }

    [Theory]
    [InlineData("Abcdefgh1234 5678ijklmnopQRSTUVwx", "a space or a line break inside")]
    [InlineData("Abcdefgh12345678ijkl\u200BmnopQRSTUVwx", "an invisible control character inside")]
    [InlineData("Abcdefgh12345678ijkl\u0007mnopQRSTUVwx", "an invisible control character inside")]
    [InlineData("\u201CAbcdefgh12345678ijklmnopQRSTUVwx\u201D", "not plain ASCII")]
    [InlineData("Abc123", "is 6 characters long")]
    public async Task A_key_of_the_wrong_shape_is_refused_before_any_call_without_echoing_it(string key, string problem)
    {
        await using var account = await EmulatedAccount.StartAsync(EmulatorLimitsMode.Strict, Token);
        var environment = EnvironmentWithKey(account, key);
        var mountPoint = account.CreateDirectory("mnt");

        var about = await FsmountAsync(environment, ["about", .. account.MountArguments()]);
        var mount = await FsmountAsync(environment, ["mount", mountPoint, .. account.MountArguments()]);
        var link = await FsmountAsync(environment, ["link", "/films/a.mkv", .. account.MountArguments()]);

        foreach (var refused in new[] { about, mount, link })
        {
            Assert.Equal(2, refused.ExitCode);
            var line = Assert.Single(Lines(refused.Error));
            Assert.Contains("the API key from FICHIER_API_KEY", line, StringComparison.Ordinal);
            Assert.Contains(problem, line, StringComparison.Ordinal);
            Assert.Contains(KeyPage, line, StringComparison.Ordinal);
        }

        AssertKeyAbsent(key.TrimStart('\u201C')[..6], about, mount, link);
        Assert.Equal(0, await account.AllCallsAsync(Token));
    }

    [Fact]
    public async Task A_key_the_service_refuses_says_to_check_it_and_where_to_regenerate_it()
    {
        await using var account = await EmulatedAccount.StartAsync(EmulatorLimitsMode.Strict, Token);
        const string WrongKey = "WrongKeyThatMustNotLeak_01234567";
        var environment = EnvironmentWithKey(account, WrongKey);

        var about = await FsmountAsync(environment, ["about", .. account.MountArguments()]);
        var link = await FsmountAsync(environment, ["link", "/films/a.mkv", .. account.MountArguments()]);
        var remoteUpload = await FsmountAsync(environment, ["remote-upload", "http://127.0.0.1:9/a.iso", "--to", "/Downloads", .. account.MountArguments()]);

        foreach (var (refused, exitCode) in new[] { (about, 3), (link, 3), (remoteUpload, 1) })
        {
            Assert.Equal(exitCode, refused.ExitCode);
            var line = Assert.Single(Lines(refused.Error));
            Assert.Contains("the service refused the API key", line, StringComparison.Ordinal);
            Assert.Contains("stray characters", line, StringComparison.Ordinal);
            Assert.Contains(KeyPage, line, StringComparison.Ordinal);
        }

        AssertKeyAbsent(WrongKey, about, link, remoteUpload);
    }

    // A runtime folder of the test's own: without a mount, about looks for one among this user's status sockets.
    private static Dictionary<string, string> EnvironmentWithKey(EmulatedAccount account, string? key)
    {
        var environment = RuntimeFolder.EnvironmentFor(account);
        environment.Remove("FICHIER_API_KEY");
        if (key is not null)
        {
            environment["FICHIER_API_KEY"] = key;
        }

        return environment;
    }

    private static void AssertKeyAbsent(string key, params ProcessResult[] results)
    {
        foreach (var result in results)
        {
            Assert.DoesNotContain(key, result.OutputText + result.Error, StringComparison.Ordinal);
        }
    }

    private static Task<ProcessResult> FsmountAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        ChildProcess.RunAsync(TimeSpan.FromMinutes(1), FsMountProcess.CreateStartInfo(environment, arguments));

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
