using System.CommandLine;
using System.Runtime.Versioning;
using FsMount.Cli.Status;
using FsMount.Core.Errors;
using FsMount.Core.Vfs;
using Microsoft.Extensions.DependencyInjection;

namespace FsMount.Cli.Commands;

/// <summary>
/// <c>fsmount link PATH...</c>: the permanent links of files on a running mount, read from the mount's
/// extended attributes (no API call); with an account option (<c>--profile</c>, ...) each PATH is a path
/// of the account, answered by a running mount of it from its cache, else over the account's cache
/// folder as a mount would (a listing asked only for a folder with nothing fresh saved). One path prints
/// its link alone, so <c>$(fsmount link f)</c> is the link; several print <c>PATH&lt;TAB&gt;LINK</c> lines.
/// </summary>
internal static class LinkCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("path")
        {
            Description = "Files on a running fsmount mount, or with --profile (or another account option) paths of the account such as /films/a.mkv",
            Arity = ArgumentArity.OneOrMore,
        };
        var account = new AccountOptions();
        var command = new Command("link", "Print the permanent download links of files on a mount, or of paths of an account (--profile NAME /PATH), without a mount")
        {
            paths,
        };
        account.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var given = parseResult.GetRequiredValue(paths);
            IReadOnlyList<PathLink> links;
            if (!account.AnyGiven(parseResult))
            {
                links = [.. given.Select(ReadMounted)];
            }
            else if (OperatingSystem.IsWindows())
            {
                await Console.Error.WriteLineAsync("fsmount: link --profile is served by Linux for now; on Windows, open the file's properties on the drive");
                return ExitCodes.Usage;
            }
            else
            {
                try
                {
                    links = await FindInAccountAsync(given, account.Read(parseResult), cancellationToken);
                }
                catch (StartupException failure)
                {
                    await Console.Error.WriteLineAsync($"fsmount: {failure.Message}");
                    return failure.ExitCode;
                }
            }

            foreach (var link in links)
            {
                var line = link.Line(withPath: given.Length > 1);
                await (link.Link is null ? Console.Error : Console.Out).WriteLineAsync(line.AsMemory(), cancellationToken);
            }

            return links.All(link => link.Link is not null) ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    private static PathLink ReadMounted(string path)
    {
        try
        {
            return MountedFile.Read(path).Link is { } link ? PathLink.Of(path, link) : PathLink.Pending(path);
        }
        catch (MountedFileException refusal)
        {
            return PathLink.Unlinked(path, refusal.Message);
        }
    }

    [UnsupportedOSPlatform("windows")]
    private static async Task<IReadOnlyList<PathLink>> FindInAccountAsync(string[] paths, MountSettings settings, CancellationToken cancellationToken)
    {
        var apiKey = ApiKeySource.Find(settings) ?? throw ApiKeySource.NoKey(settings.Profile);
        var cacheDirectory = AccountServices.CacheDirectoryOf(settings, apiKey);
        return await RunningMounts.AskAnyAsync((socket, token) => StatusClient.AskLinksAsync(socket, cacheDirectory, paths, token), cancellationToken)
            ?? await FindInCacheFolderAsync(paths, settings, apiKey, cacheDirectory, cancellationToken);
    }

    // No mount of the account runs (it would hold the cache folder): the core over the cache folder walks
    // from the root through the saved listings, as a mount would, and saves what it listed for the next one.
    private static async Task<IReadOnlyList<PathLink>> FindInCacheFolderAsync(
        string[] paths,
        MountSettings settings,
        string apiKey,
        string cacheDirectory,
        CancellationToken cancellationToken)
    {
        await using var services = AccountServices.Build(settings, apiKey, cacheDirectory);
        try
        {
            MountedFileSystem account;
            try
            {
                account = services.GetRequiredService<MountedFileSystem>();
            }
            catch (FsException inUse)
            {
                throw new StartupException(ExitCodes.Failure, $"{inUse.Message}, which does not answer on its status socket; give the files' paths inside that mount instead", inUse);
            }

            var links = new List<PathLink>(paths.Length);
            foreach (var path in paths)
            {
                links.Add(await PathLink.FindAsync(account, path, cancellationToken));
            }

            return links;
        }
        catch (FsException refused)
        {
            throw new StartupException(
                refused.Error == FsError.AccessDenied ? ExitCodes.RemoteRefused : ExitCodes.Failure,
                ApiKeyRefusal.LineFor(refused) ?? $"cannot list the account's folders: {refused.Message}; try again in a moment",
                refused);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            throw new StartupException(ExitCodes.Usage, $"cannot use the cache folder {cacheDirectory}: {failure.Message}", failure);
        }
    }
}
