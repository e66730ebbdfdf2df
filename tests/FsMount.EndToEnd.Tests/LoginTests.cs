using System.Diagnostics;
using FsMount.Emulator;
using FsMount.Testing;

namespace FsMount.EndToEnd.Tests;

/// <summary>
/// <c>fsmount login</c> in a temporary home: the key piped in is stored in a file of mode 0600 in a
/// folder of mode 0700, never printed, and found by <c>fsmount mount</c> for that profile.
/// </summary>
public sealed class LoginTests
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_piped_key_is_stored_readable_by_its_owner_only_never_printed_and_used_by_a_mount_of_that_profile()
    {
        FuseAvailability.RequireOrSkip();
        await using var account = await EmulatedAccount.StartAsync(EmulatorLimitsMode.Relaxed, Token);
        var home = account.CreateDirectory("home");
        var environment = new Dictionary<string, string> { ["HOME"] = home, ["XDG_CONFIG_HOME"] = Path.Combine(home, ".config") };
        var mountPoint = account.CreateDirectory("mnt");

        var login = await LoginAsync(environment, account.Server.ApiKey + "\n", "login", "--profile", "media");

        Assert.Equal(0, login.ExitCode);
        var keyFile = Path.Combine(home, ".config", "fsmount", "keys", "media");
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(keyFile));
        Assert.Equal(OwnerReadWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(keyFile)!));
        Assert.Equal(account.Server.ApiKey, (await File.ReadAllTextAsync(keyFile, Token)).Trim());
        Assert.Contains(keyFile, login.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(account.Server.ApiKey, login.Output + login.Error, StringComparison.Ordinal);

        // Without the profile there is no key: the error says how to store one.
        var withoutProfile = await ChildProcess.RunAsync(TimeSpan.FromMinutes(1), FsMountProcess.CreateStartInfo(environment, ["mount", mountPoint, .. account.MountArguments()]));
        Assert.Equal(2, withoutProfile.ExitCode);
        Assert.Contains("fsmount login", withoutProfile.Error, StringComparison.Ordinal);

        await using (var mount = await FsMountProcess.StartAsync(mountPoint, environment, account.MountArguments("--profile", "media", "-v")))
        {
            // Ready means the account was listed with the key (a wrong one fails the start with exit 3).
            Assert.True(await account.CallsAsync("/v1/folder/ls.cgi", Token) > 0);
            Assert.Equal(0, (await ChildProcess.RunAsync("ls", mountPoint)).ExitCode);
            await mount.StopCleanlyAsync();
            Assert.DoesNotContain(account.Server.ApiKey, mount.Output, StringComparison.Ordinal);
        }

        // A stored key others can read is refused as any key file is.
        File.SetUnixFileMode(keyFile, OwnerReadWrite | UnixFileMode.OtherRead);
        var readable = await ChildProcess.RunAsync(TimeSpan.FromMinutes(1), FsMountProcess.CreateStartInfo(environment, ["mount", mountPoint, "--profile", "media", .. account.MountArguments()]));
        Assert.Equal(2, readable.ExitCode);
        Assert.Contains($"chmod 600 {keyFile}", readable.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_piped_in_stores_nothing_and_says_so()
    {
        var home = Directory.CreateTempSubdirectory("fsmount-login-").FullName;
        try
        {
            var environment = new Dictionary<string, string> { ["HOME"] = home, ["XDG_CONFIG_HOME"] = Path.Combine(home, ".config") };

            var login = await LoginAsync(environment, "", "login");

            Assert.Equal(2, login.ExitCode);
            Assert.StartsWith("fsmount: no key was given", Assert.Single(login.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(home, ".config", "fsmount", "keys", "default")));
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    // fsmount with the given text on its stdin, as in: echo KEY | fsmount login.
    private static async Task<(int ExitCode, string Output, string Error)> LoginAsync(IReadOnlyDictionary<string, string> environment, string input, params string[] arguments)
    {
        var startInfo = FsMountProcess.CreateStartInfo(environment, arguments);
        startInfo.RedirectStandardInput = true;
        using var process = Process.Start(startInfo)!;
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(Token);
            var error = process.StandardError.ReadToEndAsync(Token);
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Token);
            deadline.CancelAfter(TimeSpan.FromMinutes(1));
            await process.WaitForExitAsync(deadline.Token);
            return (process.ExitCode, await output, await error);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
