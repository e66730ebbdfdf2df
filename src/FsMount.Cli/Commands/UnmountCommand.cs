using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Runtime.Versioning;
using FsMount.Cli.Status;
using FsMount.Fuse;

namespace FsMount.Cli.Commands;

/// <summary>
/// <c>fsmount unmount MOUNTPOINT</c>: ends an fsmount mount from anywhere, the way <c>umount</c> does
/// for root and <c>fusermount3 -u</c> for its user, and also clears a mount whose process died. A live
/// mount's process goes on after the unmount to upload what is still staged; the command waits until it
/// ends (following it on its status socket), which is once every staged file is uploaded or its
/// <c>--flush-timeout</c> ran out (what is left is uploaded at the next mount), so a machine may be shut
/// down once it returns; <c>--no-wait</c> returns at once (the uploads go on, or resume at the next mount).
/// </summary>
internal static class UnmountCommand
{
    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(500);

    // A live mount answers in milliseconds; a stopped or wedged one must not hold up its unmount.
    private static readonly TimeSpan s_probeTimeout = TimeSpan.FromSeconds(2);

    // After the detach a process with nothing to upload ends at once; still there after this, something keeps it.
    private static readonly TimeSpan s_quietEnd = TimeSpan.FromSeconds(1);

    public static Command Create()
    {
        var mountPoint = new Argument<string>("mountpoint") { Description = "Where the account is mounted" };
        var noWait = new Option<bool>("--no-wait") { Description = "Return once unmounted, without waiting for the mount's process to upload what is still staged" };
        var command = new Command("unmount", "Unmount an fsmount mount and wait until its process has uploaded what is still staged; also clears a dead one")
        {
            mountPoint,
            noWait,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var path = parseResult.GetRequiredValue(mountPoint);
            string? socket = null;
            StatusSnapshot? running = null;
            if (!OperatingSystem.IsWindows() && !parseResult.GetValue(noWait))
            {
                socket = StatusSocketFolder.SocketFor(path);
                running = (await ProbeAsync(socket, cancellationToken)).Status;
            }

            try
            {
                FuseMount.UnmountExisting(path);
                await Console.Out.WriteLineAsync($"fsmount: unmounted {Path.GetFullPath(path)}");
            }
            catch (FuseMountException failure)
            {
                await Console.Error.WriteLineAsync($"fsmount: {failure.Message}");
                return ExitCodes.MountFailed;
            }

            return running is null || OperatingSystem.IsWindows() ? ExitCodes.Success : await WaitForProcessAsync(path, socket!, running.ProcessId, cancellationToken);
        });
        return command;
    }

    // The status socket answers until the process ends: through the flush of the uploads still staged.
    [UnsupportedOSPlatform("windows")]
    private static async Task<int> WaitForProcessAsync(string path, string socket, int processId, CancellationToken cancellationToken)
    {
        var waitLine = new ProgressLine(Console.Error, terminal: !Console.IsErrorRedirected, TimeSpan.Zero);
        var started = Stopwatch.GetTimestamp();
        var waitedAloud = false;
        try
        {
            while (true)
            {
                var (status, gone) = await ProbeAsync(socket, cancellationToken);
                if (gone || status is not null && status.ProcessId != processId)
                {
                    break;
                }

                if (status is null)
                {
                    waitLine.Finish();
                    await Console.Error.WriteLineAsync($"fsmount: the mount's process (pid {processId}) no longer answers on its status socket; it may still be uploading what was staged (ps -p {processId} shows whether it runs)");
                    return ExitCodes.Failure;
                }

                var line = status.Uploads.PendingFiles > 0
                    ? string.Create(
                        CultureInfo.InvariantCulture,
                        $"fsmount: waiting for the mount's process (pid {processId}) to upload {status.Uploads.PendingFiles} file(s), {FlushProgress.Bytes(status.Uploads.PendingBytes)} left; Ctrl-C stops the wait, not the uploads")
                    : Stopwatch.GetElapsedTime(started) >= s_quietEnd
                        ? $"fsmount: waiting for the mount's process (pid {processId}) to end: a program still using files in the mount keeps it running until it lets go; Ctrl-C stops the wait"
                        : null;
                if (line is not null)
                {
                    waitLine.Show(line);
                    waitedAloud = true;
                }

                await Task.Delay(s_poll, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            waitLine.Finish();
            await Console.Error.WriteLineAsync($"fsmount: stopped waiting; the mount's process (pid {processId}) goes on; fsmount status {path} follows it until it ends");
            return ExitCodes.Interrupted;
        }

        waitLine.Finish();
        if (waitedAloud)
        {
            await Console.Out.WriteLineAsync($"fsmount: the mount's process (pid {processId}) has ended; its log says whether every upload was done (anything left is uploaded at the next mount)");
        }

        return ExitCodes.Success;
    }

    /// <summary>
    /// The mount's status; <c>Gone</c> when nothing listens there (no mount, or its process ended); neither when
    /// something listens but gives no status in time (a stopped or wedged process, one of another version).
    /// </summary>
    [UnsupportedOSPlatform("windows")]
    private static async Task<(StatusSnapshot? Status, bool Gone)> ProbeAsync(string socket, CancellationToken cancellationToken)
    {
        using var probe = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        probe.CancelAfter(s_probeTimeout);
        try
        {
            return (await StatusClient.AskStatusAsync(socket, probe.Token), false);
        }
        catch (SocketException)
        {
            return (null, true);
        }
        catch (IOException)
        {
            return (null, false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, false);
        }
    }
}
