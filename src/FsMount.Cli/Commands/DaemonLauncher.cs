using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using FsMount.Cli.Platform;

namespace FsMount.Cli.Commands;

/// <summary>
/// <c>fsmount mount --daemon</c>, for systems without systemd: runs the same mount again, without
/// <c>--daemon</c>, as a child in a session of its own (no terminal, so no SIGHUP or Ctrl-C from it);
/// waits until the child is mounted, prints its ready line and exits 0. A child that fails before that
/// has its error line printed here, and this process exits with the child's code.
/// </summary>
internal static class DaemonLauncher
{
    public const string Option = "--daemon";

    /// <summary>Set in the child's environment: once mounted, it lets go of the launcher's pipes (see <see cref="DetachIfDaemon"/>).</summary>
    private const string ChildMarker = "FSMOUNT_DAEMON_CHILD";

    // How long the launcher waits, after the ready line, for the child's stderr to end; it ends at once.
    private static readonly TimeSpan s_stderrDrain = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows())
        {
            await Console.Error.WriteLineAsync("fsmount: --daemon is for Linux; on Windows, run the mount as a service or in its own window");
            return ExitCodes.Usage;
        }

        var startInfo = new ProcessStartInfo("setsid")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in OwnCommand().Concat(Environment.GetCommandLineArgs()[1..].Where(argument => argument != Option)))
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment[ChildMarker] = "1";
        using var child = Process.Start(startInfo) ?? throw new StartupException(ExitCodes.Failure, "cannot start the mount in the background (setsid)");
        child.StandardInput.Close();

        // The child runs in a session of its own, so Ctrl-C at this terminal (or mount(8) or systemd
        // giving up on this helper) would not reach it, and it would mount after we were told to stop:
        // pass the signal on and report how the child ended.
        var stopping = 0;
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => StopChild(context, child, ref stopping));
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => StopChild(context, child, ref stopping));

        // Whatever the child says before it is mounted (a warning, its one error line) is said here.
        var errors = ForwardAsync(child.StandardError, Console.Error, cancellationToken);
        var ready = await child.StandardOutput.ReadLineAsync(cancellationToken);
        if (ready is not null && Volatile.Read(ref stopping) == 0)
        {
            // The child lets go of its stderr right after the ready line: what it wrote before is all said here first.
            await errors.WaitAsync(s_stderrDrain, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await Console.Out.WriteLineAsync($"{ready} (in the background, pid {child.Id})");
            return ExitCodes.Success;
        }

        await child.WaitForExitAsync(cancellationToken);
        await errors;
        return child.ExitCode;
    }

    /// <summary>Whether this process is the mount a <c>--daemon</c> launcher started in the background.</summary>
    public static bool IsDaemonChild => Environment.GetEnvironmentVariable(ChildMarker) == "1";

    /// <summary>
    /// In the child, once its ready line is out: writes nothing more to the launcher's pipes and lets go
    /// of them (standard output and error point at /dev/null), so the launcher reads to the end of what
    /// was said before (later output goes to the log file when one is given).
    /// </summary>
    public static void DetachIfDaemon()
    {
        if (IsDaemonChild && !OperatingSystem.IsWindows())
        {
            Console.Out.Flush();
            Console.Error.Flush();
            Console.SetOut(TextWriter.Null);
            Console.SetError(TextWriter.Null);
            try
            {
                StandardStreams.SendToNull();
            }
            catch (IOException)
            {
                // The mount is up and stays up; the launcher stops waiting for the pipe's end after s_stderrDrain.
            }
        }
    }

    // This program as it was started: the apphost itself, or `dotnet fsmount.dll`.
    private static IEnumerable<string> OwnCommand()
    {
        var host = Environment.ProcessPath ?? throw new StartupException(ExitCodes.Failure, "cannot tell which program to run in the background");
        return Path.GetFileNameWithoutExtension(host) == "dotnet" ? [host, Environment.GetCommandLineArgs()[0]] : [host];
    }

    private static void StopChild(PosixSignalContext context, Process child, ref int stopping)
    {
        context.Cancel = true;
        if (Interlocked.Exchange(ref stopping, 1) == 0)
        {
            // SIGTERM, not Process.Kill's SIGKILL: the mount then stops its start-up, or unmounts cleanly.
            using var kill = Process.Start("kill", ["-TERM", child.Id.ToString(CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
        }
    }

    private static async Task ForwardAsync(StreamReader from, TextWriter to, CancellationToken cancellationToken)
    {
        while (await from.ReadLineAsync(cancellationToken) is { } line)
        {
            await to.WriteLineAsync(line);
        }
    }
}
