using System.Security.Cryptography.X509Certificates;
using FsMount.Emulator.Hosting;
using FsMount.Emulator;
using FsMount.Testing;

namespace FsMount.EndToEnd.Tests;

/// <summary>
/// Start-up failures of <c>fsmount mount</c> and <c>fsmount emulator</c>, and command lines that do
/// not parse: one clear line on stderr, its own exit code, and nothing mounted or written. The key
/// never appears in what the command prints.
/// </summary>
public sealed class StartupFailureTests
{
    private static readonly IReadOnlyDictionary<string, string> s_noEnvironment = new Dictionary<string, string>();
    private static readonly Dictionary<string, string> s_apiKey = new() { ["FICHIER_API_KEY"] = "StartupTestKey_0123456789" };

    [Fact]
    public async Task Without_a_key_it_says_how_to_give_one_and_exits_2()
    {
        var mountPoint = Directory.CreateTempSubdirectory("fsmount-nokey-").FullName;
        try
        {
            var result = await RunAsync(s_noEnvironment, "mount", mountPoint);

            Assert.Equal(2, result.ExitCode);
            var line = Assert.Single(Lines(result.Error));
            Assert.Contains("--api-key-file", line, StringComparison.Ordinal);
            Assert.Contains("FICHIER_API_KEY", line, StringComparison.Ordinal);
            Assert.Contains("--emulator", line, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(mountPoint);
        }
    }

    [Fact]
    public async Task A_key_file_others_can_read_is_refused()
    {
        var directory = Directory.CreateTempSubdirectory("fsmount-keyfile-").FullName;
        try
        {
            var keyFile = Path.Combine(directory, "key");
            await File.WriteAllTextAsync(keyFile, "SecretKeyThatMustNotLeak_0123456789", TestContext.Current.CancellationToken);
            File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

            var result = await RunAsync(s_noEnvironment, "mount", directory, "--api-key-file", keyFile);

            Assert.Equal(2, result.ExitCode);
            Assert.Contains("chmod 600", Assert.Single(Lines(result.Error)), StringComparison.Ordinal);
            Assert.DoesNotContain("SecretKeyThatMustNotLeak", result.Error + result.OutputText, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_missing_mountpoint_is_refused_with_exit_4()
    {
        var missing = Path.Combine(Path.GetTempPath(), "fsmount-missing-" + Guid.NewGuid().ToString("N"));
        var environment = new Dictionary<string, string> { ["FICHIER_API_KEY"] = "SecretKeyThatMustNotLeak_0123456789" };

        var result = await RunAsync(environment, "mount", missing, "--api-url", "http://127.0.0.1:9/v1");

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("does not exist", Assert.Single(Lines(result.Error)), StringComparison.Ordinal);
        Assert.DoesNotContain("SecretKeyThatMustNotLeak", result.Error + result.OutputText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_network_drive_is_refused_on_linux_with_exit_2()
    {
        var mountPoint = Directory.CreateTempSubdirectory("fsmount-network-").FullName;
        try
        {
            var result = await RunAsync(s_noEnvironment, "mount", mountPoint, "--emulator", Path.Combine(mountPoint, "unused"), "--network", @"\\fsmount\account");

            Assert.Equal(2, result.ExitCode);
            Assert.Contains("--network makes a Windows network drive", Assert.Single(Lines(result.Error)), StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(mountPoint, "unused")), "the emulator was started before the refusal");
        }
        finally
        {
            Directory.Delete(mountPoint, recursive: true);
        }
    }

    [Fact]
    public async Task A_wrong_key_fails_before_mounting_with_exit_3_and_is_never_printed()
    {
        FuseAvailability.RequireOrSkip();
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var account = await EmulatedAccount.StartAsync(EmulatorLimitsMode.Strict, cancellationToken);
        var mountPoint = account.CreateDirectory("mnt");
        const string WrongKey = "WrongKeyThatMustNotLeak_0123456789";
        var environment = new Dictionary<string, string> { ["FICHIER_API_KEY"] = WrongKey };

        var result = await RunAsync(environment, ["mount", mountPoint, .. account.MountArguments("--verbose")]);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("#93", Lines(result.Error).Last(), StringComparison.Ordinal);
        Assert.DoesNotContain(WrongKey, result.Error + result.OutputText, StringComparison.Ordinal);
        var mounts = await File.ReadAllTextAsync("/proc/self/mountinfo", cancellationToken);
        Assert.DoesNotContain(mountPoint, mounts, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("mount", "/mnt", "--bogus")]
    [InlineData("mount", "--bogus", "/mnt")]
    public async Task An_unknown_option_is_one_line_and_exit_2(params string[] arguments)
    {
        var result = await RunAsync(s_noEnvironment, arguments);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(Lines(result.Error));

        // Not taken as the mount point (with /mnt then called the unknown token).
        Assert.Contains("unknown option '--bogus'", line, StringComparison.Ordinal);
        Assert.Contains("--help", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_emulators_help_lists_every_setting_and_no_stray_arguments()
    {
        var result = await RunAsync(s_noEnvironment, "emulator", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.All(EmulatorSettings.All, setting => Assert.Contains($"--{setting.Name} <{setting.ValueName}>", result.OutputText, StringComparison.Ordinal));
        Assert.DoesNotContain("additional arguments", result.OutputText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_connection_ends_the_start_within_seconds_in_a_line_naming_the_url()
    {
        var mountPoint = Directory.CreateTempSubdirectory("fsmount-refused-").FullName;
        var cache = Directory.CreateTempSubdirectory("fsmount-refused-cache-").FullName;
        try
        {
            // Nothing listens there. Before, the start retried for 240 s in silence; RunAsync gives it a minute.
            var url = $"http://127.0.0.1:{LoopbackPort.Free()}/v1/";

            var result = await RunAsync(s_apiKey, "mount", mountPoint, "--api-url", url, "--cache-dir", cache);

            Assert.Equal(1, result.ExitCode);
            var line = Lines(result.Error)[^1];
            Assert.Contains(url, line, StringComparison.Ordinal);
            Assert.Contains("Connection refused", line, StringComparison.Ordinal);
            AssertRetryLines(Lines(result.Error)[..^1]);
        }
        finally
        {
            Directory.Delete(mountPoint);
            Directory.Delete(cache, recursive: true);
        }
    }

    [Fact]
    public async Task A_certificate_the_machine_does_not_trust_ends_the_start_with_the_real_reason()
    {
        var mountPoint = Directory.CreateTempSubdirectory("fsmount-tls-").FullName;
        var cache = Directory.CreateTempSubdirectory("fsmount-tls-cache-").FullName;
        var data = Directory.CreateTempSubdirectory("fsmount-tls-emulator-").FullName;
        using var certificate = LoopbackCertificate.Create();
        var certificatePath = Path.Combine(data, "..", Path.GetFileName(data) + ".pfx");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        Task<int>? emulator = null;
        try
        {
            await LoopbackCertificate.WritePfxAsync(certificate, certificatePath, "pfx", TestContext.Current.CancellationToken);
            var url = $"https://127.0.0.1:{LoopbackPort.Free()}/v1/";
            emulator = EmulatorServer.RunAsync(
                ["--data", data, "--api-key", s_apiKey["FICHIER_API_KEY"], "--limits", "off", "--urls", url.Replace("/v1/", "", StringComparison.Ordinal),
                 $"--Kestrel:Certificates:Default:Path={certificatePath}", "--Kestrel:Certificates:Default:Password=pfx"],
                stop.Token);
            await Eventually.TrueAsync(() => AnswersOverTlsAsync(new Uri(url), certificate), "the emulator answers over https");

            var result = await RunAsync(s_apiKey, "mount", mountPoint, "--api-url", url, "--cache-dir", cache);

            Assert.Equal(1, result.ExitCode);
            var line = Lines(result.Error)[^1];
            Assert.Contains(url, line, StringComparison.Ordinal);
            Assert.Contains("certificate", line, StringComparison.Ordinal);
            AssertRetryLines(Lines(result.Error)[..^1]);
            Assert.DoesNotContain("see inner exception", line, StringComparison.Ordinal);
        }
        finally
        {
            await stop.CancelAsync();
            if (emulator is not null)
            {
                await emulator.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
            }

            File.Delete(certificatePath);
            Directory.Delete(data, recursive: true);
            Directory.Delete(mountPoint);
            Directory.Delete(cache, recursive: true);
        }
    }

    [Fact]
    public async Task A_key_file_that_is_a_directory_is_called_a_directory()
    {
        var directory = Directory.CreateTempSubdirectory("fsmount-keydir-").FullName;
        try
        {
            var keyDirectory = Directory.CreateDirectory(Path.Combine(directory, "key")).FullName;
            var mountPoint = Directory.CreateDirectory(Path.Combine(directory, "mnt")).FullName;

            var result = await RunAsync(s_noEnvironment, "mount", mountPoint, "--api-key-file", keyDirectory);

            Assert.Equal(2, result.ExitCode);
            var line = Assert.Single(Lines(result.Error));
            Assert.Contains("is a directory", line, StringComparison.Ordinal);
            Assert.DoesNotContain("does not exist", line, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Api_url_with_emulator_is_refused_before_the_emulator_starts()
    {
        var mountPoint = Directory.CreateTempSubdirectory("fsmount-emulator-url-").FullName;
        try
        {
            var emulatorData = Path.Combine(mountPoint, "unused");

            var result = await RunAsync(s_noEnvironment, "mount", mountPoint, "--emulator", emulatorData, "--api-url", "http://127.0.0.1:9/v1");

            Assert.Equal(2, result.ExitCode);
            var line = Assert.Single(Lines(result.Error));
            Assert.Contains("--emulator", line, StringComparison.Ordinal);
            Assert.Contains("--api-url", line, StringComparison.Ordinal);
            Assert.False(Directory.Exists(emulatorData), "the emulator was started before the refusal");
        }
        finally
        {
            Directory.Delete(mountPoint, recursive: true);
        }
    }

    [Fact]
    public async Task Api_key_file_with_emulator_is_refused_before_the_emulator_starts()
    {
        var directory = Directory.CreateTempSubdirectory("fsmount-emulator-keyfile-").FullName;
        try
        {
            // The mountpoint is missing on purpose: should the key file be let through, this fails
            // (exit 4) before anything is started or mounted.
            var mountPoint = Path.Combine(directory, "mnt");
            var emulatorData = Path.Combine(directory, "unused");
            var keyFile = Path.Combine(directory, "key");
            await File.WriteAllTextAsync(keyFile, "SecretKeyThatMustNotLeak_0123456789", TestContext.Current.CancellationToken);
            File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);

            var result = await RunAsync(s_noEnvironment, "mount", mountPoint, "--emulator", emulatorData, "--api-key-file", keyFile);

            Assert.Equal(2, result.ExitCode);
            var line = Assert.Single(Lines(result.Error));
            Assert.Contains("--emulator", line, StringComparison.Ordinal);
            Assert.Contains("--api-key-file", line, StringComparison.Ordinal);
            Assert.False(Directory.Exists(emulatorData), "the emulator was started before the refusal");
            Assert.DoesNotContain("SecretKeyThatMustNotLeak", result.Error + result.OutputText, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task The_emulator_on_a_taken_port_says_so_in_one_line_and_writes_nothing()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;
        var parent = Directory.CreateTempSubdirectory("fsmount-emulator-port-").FullName;
        try
        {
            var data = Path.Combine(parent, "data");

            var result = await RunAsync(s_noEnvironment, "emulator", "--data", data, "--urls", $"http://127.0.0.1:{port}");

            Assert.Equal(1, result.ExitCode);
            var line = Assert.Single(Lines(result.Error));
            Assert.Contains($"127.0.0.1:{port}", line, StringComparison.Ordinal);
            Assert.Contains("address already in use", line, StringComparison.Ordinal);
            Assert.Contains("--urls", line, StringComparison.Ordinal);
            Assert.Equal("", result.OutputText);
            Assert.False(Directory.Exists(data), "the data folder (and a new key) was written before the port was found taken");
        }
        finally
        {
            Directory.Delete(parent, recursive: true);
        }
    }

    [Fact]
    public async Task Ctrl_c_before_the_mount_is_ready_says_so_in_one_line_and_exits_130_with_nothing_mounted()
    {
        FuseAvailability.RequireOrSkip();
        var cancellationToken = TestContext.Current.CancellationToken;

        // A service that takes the connection and never answers: the first listing waits for ever.
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        var port = ((System.Net.IPEndPoint)silent.LocalEndpoint).Port;
        var directory = Directory.CreateTempSubdirectory("fsmount-interrupt-").FullName;
        var mountPoint = Directory.CreateDirectory(Path.Combine(directory, "mnt")).FullName;
        var environment = new Dictionary<string, string> { ["FICHIER_API_KEY"] = "SecretKeyThatMustNotLeak_0123456789" };
        var startInfo = FsMountProcess.CreateStartInfo(
            environment,
            "mount", mountPoint, "--api-url", $"http://127.0.0.1:{port}/v1", "--cache-dir", Path.Combine(directory, "cache"));
        using var process = System.Diagnostics.Process.Start(startInfo)!;
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            waiting.CancelAfter(TimeSpan.FromSeconds(60));
            using var call = await silent.AcceptTcpClientAsync(waiting.Token);

            await ChildProcess.OutputOfAsync("kill", "-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await process.WaitForExitAsync(waiting.Token);

            var errorText = await error;
            Assert.Equal(130, process.ExitCode);
            var line = Assert.Single(Lines(errorText));
            Assert.Equal("fsmount: interrupted before the mount was ready; nothing was mounted", line);
            Assert.DoesNotContain(" is mounted on ", await output, StringComparison.Ordinal);
            Assert.DoesNotContain("SecretKeyThatMustNotLeak", errorText, StringComparison.Ordinal);
            var mounts = await File.ReadAllTextAsync("/proc/self/mountinfo", cancellationToken);
            Assert.DoesNotContain(mountPoint, mounts, StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }

            await ChildProcess.RunAsync("umount", "-l", mountPoint);
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<ProcessResult> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var startInfo = FsMountProcess.CreateStartInfo(environment, arguments);
        return await ChildProcess.RunAsync(TimeSpan.FromMinutes(1), startInfo);
    }

    // Any HTTP answer, through a client that trusts exactly this certificate (the mount trusts none).
    private static async Task<bool> AnswersOverTlsAsync(Uri apiUrl, X509Certificate2 certificate)
    {
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == certificate.Thumbprint,
        };
        using var http = new HttpClient(handler);
        try
        {
            using var response = await http.GetAsync(apiUrl, TestContext.Current.CancellationToken);
            return true;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    // Before the failure line, at most the two quick retries a start gives a failure to connect, one line each.
    private static void AssertRetryLines(string[] lines)
    {
        Assert.True(lines.Length <= 2, string.Join('\n', lines));
        Assert.All(lines, line => Assert.Matches(@"^fsmount: folder/ls\.cgi failed \(.+\); retry [12] in ", line));
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
