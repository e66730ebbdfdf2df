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

    [Fact]
    public async Task At_a_terminal_the_key_is_typed_at_a_prompt_that_does_not_echo_it()
    {
        const string Key = "TypedKeyThatMustNotEcho_0123456789";
        var home = Directory.CreateTempSubdirectory("fsmount-login-tty-").FullName;
        try
        {
            // script(1) runs login on a pseudo-terminal whose output it copies: whatever the terminal
            // would echo of what is typed shows there.
            var fsmount = $"dotnet '{Path.Combine(AppContext.BaseDirectory, "fsmount.dll")}' login --profile tty";
            var startInfo = ChildProcess.StartInfo("script", "-qec", fsmount, "/dev/null");
            startInfo.RedirectStandardInput = true;
            startInfo.Environment["HOME"] = home;
            startInfo.Environment["XDG_CONFIG_HOME"] = Path.Combine(home, ".config");
            startInfo.Environment.Remove("FICHIER_API_KEY");
            using var process = Process.Start(startInfo)!;
            try
            {
                var screen = new System.Text.StringBuilder();
                var reading = CopyAsync(process.StandardOutput, screen);

                // Typed only once the prompt is up: before that the terminal still echoes, as it would for a person.
                await Eventually.TrueAsync(() => Snapshot(screen).Contains("not shown as you type", StringComparison.Ordinal), "the prompt");
                await process.StandardInput.WriteAsync(Key + "\r");
                await process.StandardInput.FlushAsync(Token);
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Token);
                deadline.CancelAfter(TimeSpan.FromMinutes(1));
                await process.WaitForExitAsync(deadline.Token);
                await reading;

                Assert.Equal(0, process.ExitCode);
                Assert.Contains("the key is stored in", Snapshot(screen), StringComparison.Ordinal);
                Assert.DoesNotContain(Key, Snapshot(screen), StringComparison.Ordinal);
                var keyFile = Path.Combine(home, ".config", "fsmount", "keys", "tty");
                Assert.Equal(Key, (await File.ReadAllTextAsync(keyFile, Token)).Trim());
                Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(keyFile));
            }
            finally
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
            }
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    private static async Task CopyAsync(StreamReader from, System.Text.StringBuilder to)
    {
        var buffer = new char[256];
        for (var read = await from.ReadAsync(buffer, Token); read > 0; read = await from.ReadAsync(buffer, Token))
        {
            lock (to)
            {
                to.Append(buffer, 0, read);
            }
        }
    }

    private static string Snapshot(System.Text.StringBuilder screen)
    {
        lock (screen)
        {
            return screen.ToString();
        }
    }

    // fsmount with the given text on its stdin, as in: echo KEY | fsmount login.
    [Fact]
    public async Task A_key_of_the_wrong_shape_is_refused_in_one_line_not_echoed_and_not_stored()
    {
        var home = Directory.CreateTempSubdirectory("fsmount-login-shape-").FullName;
        try
        {
            var environment = new Dictionary<string, string> { ["HOME"] = home, ["XDG_CONFIG_HOME"] = Path.Combine(home, ".config") };

            var login = await LoginAsync(environment, "SecretKeyThatMustNotLeak\u200B0123456789\n", "login");

            Assert.Equal(2, login.ExitCode);
            var line = Assert.Single(login.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("the API key from stdin has an invisible control character inside", line, StringComparison.Ordinal);
            Assert.DoesNotContain("SecretKeyThatMustNotLeak", login.Output + login.Error, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(home, ".config", "fsmount", "keys")));
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

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
