using System.Diagnostics;
using System.Globalization;
using System.Text;
using FsMount.Testing;

namespace FsMount.EndToEnd.Tests;

/// <summary>
/// The <c>fsmount</c> command running as a child process, as a user runs it. A crash of the mount
/// then shows as ENOTCONN in the test instead of hanging the test runner, and the test process
/// never serves its own mount (which could deadlock).
/// </summary>
internal sealed class FsMountProcess : IAsyncDisposable
{
    private const string ReadyMarker = " is mounted on ";
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan s_stopTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FsMountProcess(Process process, string mountPoint)
    {
        _process = process;
        MountPoint = mountPoint;
    }

    public string MountPoint { get; }

    /// <summary>Everything the process wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Start information for <c>fsmount</c> with exactly the given key environment (none inherited).</summary>
    public static ProcessStartInfo CreateStartInfo(IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        CreateStartInfo(environment, user: null, arguments);

    /// <summary>The same, run as <paramref name="user"/> when given (a normal user, with its own home).</summary>
    public static ProcessStartInfo CreateStartInfo(IReadOnlyDictionary<string, string> environment, TestUser? user, params string[] arguments)
    {
        string[] command = ["dotnet", Path.Combine(AppContext.BaseDirectory, "fsmount.dll"), .. arguments];
        var startInfo = user is null ? ChildProcess.StartInfo(command[0], command[1..]) : user.StartInfo(command);
        startInfo.Environment.Remove("FICHIER_API_KEY");
        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        return startInfo;
    }

    /// <summary>Starts <c>fsmount mount</c> and waits until it reports the mount ready.</summary>
    public static Task<FsMountProcess> StartAsync(string mountPoint, IReadOnlyDictionary<string, string> environment, params string[] extraArguments) =>
        StartAsync(mountPoint, environment, user: null, extraArguments);

    /// <summary>The same, as <paramref name="user"/> when given.</summary>
    public static async Task<FsMountProcess> StartAsync(string mountPoint, IReadOnlyDictionary<string, string> environment, TestUser? user, params string[] extraArguments)
    {
        var startInfo = CreateStartInfo(environment, user, ["mount", mountPoint, .. extraArguments]);
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("cannot start fsmount");
        var mount = new FsMountProcess(process, mountPoint);
        process.OutputDataReceived += (_, line) => mount.Record(line.Data);
        process.ErrorDataReceived += (_, line) => mount.Record(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(mount._ready.Task, exited, Task.Delay(s_startTimeout));
        if (first != mount._ready.Task)
        {
            var output = mount.Output;
            await mount.DisposeAsync();
            throw new InvalidOperationException($"fsmount did not report a ready mount: {output}");
        }

        return mount;
    }

    /// <summary>Waits for the process to end by itself (after an unmount from elsewhere) and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(s_stopTimeout);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    /// <summary>Stops the mount the way a service manager does (SIGTERM) and returns the exit code.</summary>
    public async Task<int> StopAsync()
    {
        if (!_process.HasExited)
        {
            await ChildProcess.OutputOfAsync("kill", "-TERM", _process.Id.ToString(CultureInfo.InvariantCulture));
        }

        return await WaitForExitAsync();
    }

    /// <summary>Stops the mount with SIGTERM and asserts a clean exit (0), showing what it printed otherwise.</summary>
    public async Task StopCleanlyAsync()
    {
        var exitCode = await StopAsync();
        Assert.True(exitCode == 0, $"fsmount exited {exitCode}: {Output}");
    }

    /// <summary>
    /// Kills the mount without warning (SIGKILL, as a crash or an OOM kill does) and clears the dead
    /// mount point ("transport endpoint is not connected") so it can be mounted again.
    /// </summary>
    public async Task CrashAsync()
    {
        await KillAsync();
        await ChildProcess.RunAsync("umount", "-l", MountPoint);
    }

    /// <summary>Kills the mount without warning and leaves its dead mount point as it is.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        finally
        {
            // Whatever happened, leave no mount behind for the next test or run.
            await ChildProcess.RunAsync("umount", "-l", MountPoint);
            _process.Dispose();
        }
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (line.Contains(ReadyMarker, StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }
}
