using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Runtime.Versioning;
using FsMount.Cli.RemoteUpload;
using FsMount.Cli.Status;
using FsMount.Core.Errors;
using FsMount.Core.Vfs;
using FsMount.Fuse;
using FsMount.OneFichier;
using Microsoft.Extensions.DependencyInjection;

namespace FsMount.Cli.Commands;

/// <summary>
/// <c>fsmount remote-upload URL... --to FOLDER</c>: asks the service to fetch URLs into a folder
/// (<c>remote/request.cgi</c>, sent once), then follows the request until the service tried every URL,
/// with a progress line (plain lines when not on a terminal). FOLDER in a running mount goes through
/// that mount, so the calls share its pacing and the files show in it once they arrived; with an
/// account option (<c>--profile</c>, ...) FOLDER is a path of the account, reached through its cache
/// folder as a mount would. Exit 0 when every URL arrived, else 1 with one line per URL that did not.
/// </summary>
internal static class RemoteUploadCommand
{
    // The service is asked at most once per RemoteUploadFollower.ListSpacing whatever this is.
    // The service fetches at its own speed, far above a home line's; a request it never lists as done
    // (lost, or another's taken for ours) must not keep the command waiting for ever.
    private static readonly TimeSpan s_longestFollow = TimeSpan.FromHours(1);
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_plainLineInterval = TimeSpan.FromSeconds(10);

    public static Command Create()
    {
        var urls = new Argument<string[]>("url") { Description = "http(s) URLs for the service to fetch", Arity = ArgumentArity.OneOrMore };
        var to = new Option<string>("--to")
        {
            Description = "The folder to fetch them into: in a running fsmount mount, or with --profile (or another account option) a path of the account such as /Downloads",
            HelpName = "FOLDER",
            Required = true,
        };
        var account = new AccountOptions();
        var command = new Command("remote-upload", "Ask 1fichier to fetch URLs into a folder by itself (not through your line), and follow them until they arrived")
        {
            urls, to,
        };
        account.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (!OperatingSystem.IsLinux())
            {
                await Console.Error.WriteLineAsync("fsmount: remote-upload runs on Linux for now");
                return ExitCodes.Usage;
            }

            try
            {
                var given = parseResult.GetRequiredValue(urls);
                CheckUrls(given);
                var folder = parseResult.GetRequiredValue(to);
                var fullFolder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
                if (Directory.Exists(fullFolder) && MountedPath.IsOnFsMount(fullFolder))
                {
                    return await ThroughMountAsync(given, folder, fullFolder, cancellationToken);
                }

                if (!account.AnyGiven(parseResult))
                {
                    throw new StartupException(
                        ExitCodes.Usage,
                        $"{folder} is not a folder of a running fsmount mount; give one inside a mount (fsmount status lists them), or a path of the account with --profile NAME");
                }

                return await WithoutMountAsync(given, folder, account.Read(parseResult), cancellationToken);
            }
            catch (StartupException failure)
            {
                await Console.Error.WriteLineAsync($"fsmount: {failure.Message}");
                return failure.ExitCode;
            }
        });
        return command;
    }

    private static void CheckUrls(string[] urls)
    {
        if (urls.FirstOrDefault(url => !Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https")) is { } notUrl)
        {
            throw new StartupException(ExitCodes.Usage, $"{notUrl} is not an http or https URL; give full URLs such as https://example.com/file.iso");
        }
    }

    [UnsupportedOSPlatform("windows")]
    private static async Task<int> ThroughMountAsync(string[] urls, string folder, string fullFolder, CancellationToken cancellationToken)
    {
        var socket = await SocketOfMountHoldingAsync(fullFolder, cancellationToken)
            ?? throw new StartupException(ExitCodes.Failure, $"the mount holding {folder} does not answer on its status socket; is it another user's?");
        var requested = await AskAsync(socket, new MountRequest(MountRequest.RemoteUploadKind, Urls: urls, Folder: fullFolder), cancellationToken);
        return await FollowAsync(
            urls.Length,
            folder,
            requested.Id,
            async token => (await AskAsync(socket, new MountRequest(MountRequest.RemoteUploadProgressKind, Id: requested.Id), token)).Results,
            cancellationToken);
    }

    // No mount of the account runs (it would hold the cache folder): the core over the cache folder finds the
    // folder from the saved listings, as a mount would, and outdates its listing once the files arrived.
    private static async Task<int> WithoutMountAsync(string[] urls, string folder, MountSettings settings, CancellationToken cancellationToken)
    {
        if (!folder.StartsWith('/'))
        {
            throw new StartupException(ExitCodes.Usage, $"{folder} is not a path of the account; give one from its root, such as /Downloads");
        }

        var apiKey = ApiKeySource.Find(settings) ?? throw ApiKeySource.NoKey(settings.Profile);
        var cacheDirectory = AccountServices.CacheDirectoryOf(settings, apiKey);
        await using var services = AccountServices.Build(settings, apiKey, cacheDirectory);
        MountedFileSystem account;
        try
        {
            account = services.GetRequiredService<MountedFileSystem>();
        }
        catch (FsException inUse)
        {
            throw new StartupException(ExitCodes.Failure, $"{inUse.Message}; give FOLDER as a folder inside that mount", inUse);
        }

        using var follower = new RemoteUploadFollower(services.GetRequiredService<OneFichierClient>(), services.GetRequiredService<TimeProvider>());
        try
        {
            var folderId = await account.FindFolderIdAsync(folder.Split('/', StringSplitOptions.RemoveEmptyEntries), cancellationToken);
            if (!folderId.IsSuccess)
            {
                throw new StartupException(ExitCodes.Failure, $"{folder}: {(folderId.Error == FsError.NotDirectory ? "not a folder" : "no such folder in the account")}");
            }

            var id = await follower.RequestAsync(urls, folderId.Value, cancellationToken);
            return await FollowAsync(
                urls.Length,
                folder,
                id,
                async token =>
                {
                    var results = await follower.ResultsAsync(id, token);
                    if (results is not null)
                    {
                        account.FilesArrived(folderId.Value);
                    }

                    return results?.Select(RemoteUploadUrlState.From).ToList();
                },
                cancellationToken);
        }
        catch (Exception failure) when (failure is FsException or OneFichierException)
        {
            throw new StartupException(ExitCodes.Failure, ApiKeyRefusal.LineFor(failure) ?? $"the service did not take the remote upload: {failure.Message}", failure);
        }
    }

    /// <summary>Asks <paramref name="progress"/> until the service tried every URL, showing the wait; then one line per URL.</summary>
    private static async Task<int> FollowAsync(
        int urlCount,
        string folder,
        long id,
        Func<CancellationToken, Task<IReadOnlyList<RemoteUploadUrlState>?>> progress,
        CancellationToken cancellationToken)
    {
        var waitLine = new ProgressLine(Console.Error, terminal: !Console.IsErrorRedirected, s_plainLineInterval);
        await Console.Error.WriteLineAsync($"fsmount: the service is fetching {Count(urlCount)} into {folder} (remote upload {id})");
        var waited = Stopwatch.StartNew();
        IReadOnlyList<RemoteUploadUrlState> results;
        while (true)
        {
            if (await progress(cancellationToken) is { } done)
            {
                results = done;
                break;
            }

            if (waited.Elapsed >= s_longestFollow)
            {
                waitLine.Finish();
                await Console.Error.WriteLineAsync(
                    $"fsmount: remote upload {id} is not done after {s_longestFollow.TotalMinutes:0} minutes; the service goes on with it, and what it fetches will appear in {folder}");
                return ExitCodes.Failure;
            }

            waitLine.Show(string.Create(CultureInfo.InvariantCulture, $"fsmount: waiting for the service to fetch {Count(urlCount)} ({waited.Elapsed.TotalSeconds:0} s)"));
            await Task.Delay(s_pollInterval, cancellationToken);
        }

        waitLine.Finish();

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

        return results.Count == urlCount && results.All(result => result.Link is not null) ? ExitCodes.Success : ExitCodes.Failure;
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
            // The request may have reached the service all the same: asking again at once could fetch everything twice.
            throw new StartupException(
                ExitCodes.Failure,
                $"the mount did not confirm the remote upload ({failure.Message}); it may have been sent all the same: look at the folder in a few minutes before asking again",
                failure);
        }
    }

    /// <summary>The socket of the running mount whose mount point holds <paramref name="folder"/> (the deepest, for a mount inside another).</summary>
    [UnsupportedOSPlatform("windows")]
    private static async Task<string?> SocketOfMountHoldingAsync(string folder, CancellationToken cancellationToken)
    {
        (string Socket, int Depth)? best = null;
        foreach (var (socket, status) in await RunningMounts.StatusesAsync(cancellationToken))
        {
            var mountPoint = Path.TrimEndingDirectorySeparator(status.MountPoint);
            if ((folder == mountPoint || folder.StartsWith(mountPoint + "/", StringComparison.Ordinal)) && mountPoint.Length > (best?.Depth ?? -1))
            {
                best = (socket, mountPoint.Length);
            }
        }

        return best?.Socket;
    }
}
