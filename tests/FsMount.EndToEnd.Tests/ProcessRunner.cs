using System.Diagnostics;

namespace FsMount.EndToEnd.Tests;

/// <summary>Runs a program to completion, the way a user's shell would, and captures its output.</summary>
internal static class ProcessRunner
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(3);

    public static async Task<ProcessResult> RunAsync(string fileName, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // A fixed locale keeps the output of ls, stat and find comparable across machines.
        startInfo.Environment["LC_ALL"] = "C.UTF-8";
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"cannot start {fileName}");
        using var timeout = new CancellationTokenSource(s_timeout);
        var standardOutput = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var standardError = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish in {s_timeout}");
        }

        return new ProcessResult(process.ExitCode, await standardOutput, await standardError);
    }

    public static async Task<string> RunCheckedAsync(string fileName, params string[] arguments)
    {
        var result = await RunAsync(fileName, arguments);
        Assert.True(
            result.ExitCode == 0,
            $"{fileName} {string.Join(' ', arguments)} exited {result.ExitCode}: {result.StandardError}");
        return result.StandardOutput;
    }
}
