using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Runtime.Versioning;
using FsMount.Cli.Status;
using FsMount.Fuse;

namespace FsMount.Cli.Commands;

/// <summary>
/// <c>fsmount remote-upload URL... --to FOLDER</c>: asks the service to fetch URLs into a folder of a
/// running mount (<c>remote/request.cgi</c>, sent once), through that mount, so the calls share its
/// pacing and the files show in it once they arrived; then follows the request until the service tried
/// every URL, with a progress line (plain lines when not on a terminal). Exit 0 when every URL arrived,
/// else 1 with one line per URL that did not.
/// </summary>
internal static class RemoteUploadCommand
{
    // The mount asks the service at most once per RemoteUploadFollower.ListSpacing whatever this is.
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_plainLineInterval = TimeSpan.FromSeconds(10);

    public static Command Create()
    {
        var urls = new Argument<string[]>("url") { Description = "http(s) URLs for the service to fetch", Arity = ArgumentArity.OneOrMore };
        var to = new Option<string>("--to") { Description = "The folder of a running fsmount mount to fetch them into", HelpName = "FOLDER", Required = true };
        var command = new Command("remote-upload", "Ask 1fichier to fetch URLs into a folder of a mount by itself (not through your line), and follow them until they arrived")
        {
            urls, to,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (!OperatingSystem.IsLinux())
            {
                await Console.Error.WriteLineAsync("fsmount: remote-upload goes through a Linux mount for now");
                return ExitCodes.Usage;
            }

            try
            {
                return await RunAsync(parseResult.GetRequiredValue(urls), parseResult.GetRequiredValue(to), cancellationToken);
            }
            catch (StartupException failure)
            {
                await Console.Error.WriteLineAsync($"fsmount: {failure.Message}");
                return failure.ExitCode;
            }
        });
        return command;
    }

    [UnsupportedOSPlatform("windows")]
    private static async Task<int> RunAsync(string[] urls, string folder, CancellationToken cancellationToken)
    {
        if (urls.FirstOrDefault(url => !Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https")) is { } notUrl)
        {
            throw new StartupException(ExitCodes.Usage, $"{notUrl} is not an http or https URL; give full URLs such as https://example.com/file.iso");
        }

        var fullFolder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        if (!Directory.Exists(fullFolder) || !MountedPath.IsOnFsMount(fullFolder))
        {
            throw new StartupException(ExitCodes.Usage, $"{folder} is not a folder of a running fsmount mount; give one inside a mount (fsmount status lists them)");
        }

        var socket = await SocketOfMountHoldingAsync(fullFolder, cancellationToken)
            ?? throw new StartupException(ExitCodes.Failure, $"the mount holding {folder} does not answer on its status socket; is it another user's?");
        var requested = await AskAsync(socket, new MountRequest(MountRequest.RemoteUploadKind, Urls: urls, Folder: fullFolder), cancellationToken);
        var terminal = !Console.IsErrorRedirected;
        await Console.Error.WriteLineAsync($"fsmount: the service is fetching {Count(urls.Length)} into {folder} (remote upload {requested.Id})");
        var waited = Stopwatch.StartNew();
        var lastPlainLine = TimeSpan.Zero;
        IReadOnlyList<RemoteUploadUrlState> results;
        while (true)
        {
            if ((await AskAsync(socket, new MountRequest(MountRequest.RemoteUploadProgressKind, Id: requested.Id), cancellationToken)).Results is { } done)
            {
                results = done;
                break;
            }

            var line = string.Create(CultureInfo.InvariantCulture, $"fsmount: waiting for the service to fetch {Count(urls.Length)} ({waited.Elapsed.TotalSeconds:0} s)");
            if (terminal)
            {
                await Console.Error.WriteAsync($"\r{line}");
            }
            else if (waited.Elapsed - lastPlainLine >= s_plainLineInterval)
            {
                lastPlainLine = waited.Elapsed;
                await Console.Error.WriteLineAsync(line);
            }

            await Task.Delay(s_pollInterval, cancellationToken);
        }

        if (terminal)
        {
            await Console.Error.WriteLineAsync();
        }

        foreach (var result in results)
        {
            if (result.Link is not null)
            {
                await Console.Out.WriteLineAsync($"fetched: {result.Url} -> {result.Link}");
            }
            else
            {
                await Console.Error.WriteLineAsync($"fsmount: not fetched: {result.Url}: {result.Problem}; check that the service can reach the URL");
            }
        }

        return results.All(result => result.Link is not null) && results.Count == urls.Length ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static string Count(int urls) => urls == 1 ? "1 URL" : string.Create(CultureInfo.InvariantCulture, $"{urls} URLs");

    private static async Task<RemoteUploadState> AskAsync(string socket, MountRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await StatusClient.AskRemoteUploadAsync(socket, request, cancellationToken);
        }
        catch (Exception failure) when (failure is SocketException or IOException)
        {
            throw new StartupException(ExitCodes.Failure, $"the mount did not take the remote upload: {failure.Message}", failure);
        }
    }

    /// <summary>The socket of the running mount whose mount point holds <paramref name="folder"/> (the deepest, for a mount inside another).</summary>
    [UnsupportedOSPlatform("windows")]
    private static async Task<string?> SocketOfMountHoldingAsync(string folder, CancellationToken cancellationToken)
    {
        (string Socket, int Depth)? best = null;
        foreach (var socket in StatusSocketFolder.Sockets())
        {
            StatusSnapshot status;
            try
            {
                status = await StatusClient.AskStatusAsync(socket, cancellationToken);
            }
            catch (Exception failure) when (failure is SocketException or IOException)
            {
                continue;
            }

            var mountPoint = Path.TrimEndingDirectorySeparator(status.MountPoint);
            if ((folder == mountPoint || folder.StartsWith(mountPoint + "/", StringComparison.Ordinal)) && mountPoint.Length > (best?.Depth ?? -1))
            {
                best = (socket, mountPoint.Length);
            }
        }

        return best?.Socket;
    }
}
