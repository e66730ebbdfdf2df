using System.Diagnostics;
using System.Text.RegularExpressions;

namespace FsMount.Emulator.Tests.TestSupport;

/// <summary>
/// The emulator in a child process (FsMount.Emulator.TestHost, which calls <see cref="EmulatorServer.RunAsync"/>),
/// so a test can kill it with SIGKILL. Disposing kills it if it still runs.
/// </summary>
internal sealed partial class ChildEmulator : IDisposable
{
    private readonly Process _process;

    private ChildEmulator(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public static async Task<ChildEmulator> StartAsync(string dataDirectory, params string[] extraArgs)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { "exec", Path.Combine(AppContext.BaseDirectory, "FsMount.Emulator.TestHost.dll"), "--data", dataDirectory, "--urls", "http://127.0.0.1:0", "--limits", "off" }.Concat(extraArgs))
        {
            start.ArgumentList.Add(arg);
        }

        Process process = Process.Start(start) ?? throw new InvalidOperationException("cannot start the emulator test host");
        var errors = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, line) => errors.AppendLine(line.Data);
        process.BeginErrorReadLine();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (ListeningPattern().Match(line) is { Success: true } match)
                {
                    // Keep draining its log so a chatty child never blocks on a full pipe.
                    _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                    return new ChildEmulator(process, new Uri(match.Groups[1].Value));
                }
            }

            await process.WaitForExitAsync(timeout.Token);
            throw new InvalidOperationException("the emulator exited before listening: " + errors);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    /// <summary>SIGKILL on Unix: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Sends SIGTERM (as systemd or <c>kill</c> would) and returns the exit code.</summary>
    public async Task<int> TerminateAsync()
    {
        using Process kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    [GeneratedRegex(@"listening on (http://\S+/) ")]
    private static partial Regex ListeningPattern();
}
