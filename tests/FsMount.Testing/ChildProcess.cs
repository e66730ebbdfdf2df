using System.Diagnostics;
using Xunit;

namespace FsMount.Testing;

/// <summary>
/// Runs a program against the mount. Mount access always happens in a child process: a thread of
/// the serving process that touched the mount could end up waiting on itself.
/// </summary>
public static class ChildProcess
{
    private static readonly TimeSpan s_defaultTimeout = TimeSpan.FromSeconds(20);

    public static Task<ProcessResult> RunAsync(string program, params string[] arguments) =>
        RunAsync(s_defaultTimeout, program, arguments);

    public static Task<ProcessResult> RunAsync(TimeSpan timeout, string program, params string[] arguments) =>
        RunAsync(timeout, StartInfo(program, arguments));

    /// <summary>Creates the start information every run uses: redirected output, English messages.</summary>
    public static ProcessStartInfo StartInfo(string program, params IEnumerable<string> arguments)
    {
        var startInfo = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // Error messages in English, whatever the machine's locale.
        startInfo.Environment["LC_ALL"] = "C";
        return startInfo;
    }

    public static async Task<ProcessResult> RunAsync(TimeSpan timeout, ProcessStartInfo startInfo)
    {
        ArgumentNullException.ThrowIfNull(startInfo);
        using var process = Process.Start(startInfo)!;
        using var output = new MemoryStream();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            var copy = process.StandardOutput.BaseStream.CopyToAsync(output, deadline.Token);
            var error = process.StandardError.ReadToEndAsync(deadline.Token);
            await process.WaitForExitAsync(deadline.Token);
            await copy;
            return new ProcessResult(process.ExitCode, output.ToArray(), await error);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{startInfo.FileName} {string.Join(' ', startInfo.ArgumentList)} did not finish within {timeout}");
        }
    }

    public static Task<string> OutputOfAsync(string program, params string[] arguments) =>
        OutputOfAsync(s_defaultTimeout, program, arguments);

    public static async Task<string> OutputOfAsync(TimeSpan timeout, string program, params string[] arguments)
    {
        var result = await RunAsync(timeout, program, arguments);
        Assert.True(result.ExitCode == 0, $"{program} {string.Join(' ', arguments)} exited {result.ExitCode}: {result.Error}");
        return result.OutputText;
    }
}
