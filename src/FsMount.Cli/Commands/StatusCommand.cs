using System.CommandLine;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text.Json;
using FsMount.Cli.Status;

namespace FsMount.Cli.Commands;

/// <summary>
/// <c>fsmount status [MOUNTPOINT]</c>: asks the user's running mounts (all of them, or the one on
/// MOUNTPOINT) over their status sockets and shows their uploads, cache, API calls, pauses and
/// recent problems; <c>--json</c> for scripts, <c>--watch</c> to follow.
/// </summary>
internal static class StatusCommand
{
    private static readonly TimeSpan s_watchInterval = TimeSpan.FromSeconds(1);

    public static Command Create()
    {
        var mountPoint = new Argument<string?>("mountpoint") { Description = "The mount to show (default: every running fsmount mount of this user)", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "Print the mount's status as JSON (an array without MOUNTPOINT), for scripts" };
        var watch = new Option<bool>("--watch") { Description = "Show it again every second until Ctrl-C (with --json: one JSON line each time)" };
        var command = new Command("status", "Show what running mounts are doing: uploads with progress, cache use, API calls and pauses, recent problems")
        {
            mountPoint, json, watch,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(mountPoint),
            parseResult.GetValue(json),
            parseResult.GetValue(watch),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string? mountPoint, bool json, bool watch, CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows())
        {
            await Console.Error.WriteLineAsync("fsmount: status is served by Linux mounts only for now; on Windows, watch the mount's own window");
            return ExitCodes.Usage;
        }

        var terminal = !Console.IsOutputRedirected;
        while (true)
        {
            var (snapshots, problem) = await AskAsync(mountPoint, cancellationToken);
            if (problem is not null)
            {
                await Console.Error.WriteLineAsync($"fsmount: {problem}");
                return ExitCodes.Failure;
            }

            if (watch && terminal && !json)
            {
                // Redraw in place: home, clear screen.
                await Console.Out.WriteAsync("\u001b[H\u001b[2J");
            }

            await Console.Out.WriteAsync(Render(snapshots, mountPoint is null, json));
            if (!watch)
            {
                return ExitCodes.Success;
            }

            if (!terminal && !json)
            {
                await Console.Out.WriteLineAsync();
            }

            await Console.Out.FlushAsync(cancellationToken);
            await Task.Delay(s_watchInterval, cancellationToken);
        }
    }

    private static string Render(List<StatusSnapshot> snapshots, bool all, bool json)
    {
        var context = StatusJsonContext.Default;
        if (!json)
        {
            return string.Join("\n", snapshots.Select(StatusView.Render));
        }

        return (all
            ? JsonSerializer.Serialize(snapshots, context.ListStatusSnapshot)
            : JsonSerializer.Serialize(snapshots[0], context.StatusSnapshot)) + "\n";
    }

    /// <summary>The status of the mount asked for or of every live one; or the one line that says why there is none.</summary>
    [UnsupportedOSPlatform("windows")]
    private static async Task<(List<StatusSnapshot> Snapshots, string? Problem)> AskAsync(string? mountPoint, CancellationToken cancellationToken)
    {
        if (mountPoint is not null)
        {
            var socket = StatusSocketFolder.SocketFor(mountPoint);
            try
            {
                return ([await StatusClient.AskStatusAsync(socket, cancellationToken)], null);
            }
            catch (SocketException failure) when (failure.SocketErrorCode == SocketError.AccessDenied)
            {
                return ([], $"cannot open the status of {mountPoint} ({socket}): permission denied; only the user who mounted it can ask");
            }
            catch (SocketException)
            {
                return ([], $"no fsmount mount of this user is running on {mountPoint}; run fsmount status to list the running ones");
            }
            catch (IOException failure)
            {
                return ([], $"the mount on {mountPoint} gave no status: {failure.Message}");
            }
        }

        var snapshots = (await RunningMounts.StatusesAsync(cancellationToken)).Select(running => running.Status).ToList();
        return snapshots.Count == 0
            ? ([], $"no fsmount mount of this user is running (none answers in {StatusSocketFolder.Path})")
            : (snapshots, null);
    }
}
