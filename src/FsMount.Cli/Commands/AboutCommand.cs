using System.CommandLine;
using System.Globalization;
using System.Runtime.Versioning;
using FsMount.Cli.Status;
using FsMount.Core.Errors;
using FsMount.Core.Metadata;
using FsMount.Core.Vfs;
using Microsoft.Extensions.DependencyInjection;

namespace FsMount.Cli.Commands;

/// <summary>
/// <c>fsmount about [MOUNTPOINT]</c>: the account's storage used, quota, free space and subscription end
/// (<c>user/info.cgi</c>), which the service lets each account ask once per 5 minutes. A running mount
/// of the account answers from its own cache (asking the service only when its 5 minutes are over);
/// without one, the command reads the account's cache folder, where mounts and earlier commands keep
/// the last answer and the time of the last ask, and asks only when that ask is older than 5 minutes.
/// </summary>
internal static class AboutCommand
{
    public static Command Create()
    {
        var mountPoint = new Argument<string?>("mountpoint") { Description = "A running mount of the account (default: the account of --profile, through its mount when one runs)", Arity = ArgumentArity.ZeroOrOne };
        var account = new AccountOptions();
        var command = new Command("about", "Show the account's storage used, quota, free space and subscription end (asks the service at most once per 5 minutes per account)")
        {
            mountPoint,
        };
        account.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (OperatingSystem.IsWindows())
            {
                await Console.Error.WriteLineAsync("fsmount: about is served by Linux for now; on Windows, see the drive's properties");
                return ExitCodes.Usage;
            }

            try
            {
                AccountAbout about;
                if (parseResult.GetValue(mountPoint) is { } mounted)
                {
                    about = await RunningMounts.AskAsync(StatusSocketFolder.SocketFor(mounted), (socket, token) => StatusClient.AskAboutAsync(socket, cacheDirectory: null, token), cancellationToken)
                        ?? throw new StartupException(ExitCodes.Failure, $"no fsmount mount of this user is running on {mounted}; run fsmount about --profile NAME to ask the account without a mount");
                }
                else
                {
                    about = await AskAccountAsync(account.Read(parseResult), cancellationToken);
                }

                await Console.Out.WriteAsync(Describe(about).AsMemory(), cancellationToken);
                return ExitCodes.Success;
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
    private static async Task<AccountAbout> AskAccountAsync(MountSettings settings, CancellationToken cancellationToken)
    {
        var apiKey = ApiKeySource.Find(settings) ?? throw ApiKeySource.NoKey(settings.Profile);
        var cacheDirectory = AccountServices.CacheDirectoryOf(settings, apiKey);
        // One call budget per account on a host: a mount of the account answers from its cache, and paces any ask with its own calls.
        return await RunningMounts.AskAnyAsync((socket, token) => StatusClient.AskAboutAsync(socket, cacheDirectory, token), cancellationToken)
            ?? await ReadCacheFolderAsync(settings, apiKey, cacheDirectory, cancellationToken);
    }

    private static async Task<AccountAbout> ReadCacheFolderAsync(MountSettings settings, string apiKey, string cacheDirectory, CancellationToken cancellationToken)
    {
        await using var services = AccountServices.Build(settings, apiKey, cacheDirectory);
        AccountInfoReport report;
        try
        {
            report = await services.GetRequiredService<MountedFileSystem>().GetAccountInfoAsync(cancellationToken);
        }
        catch (FsException inUse)
        {
            throw new StartupException(ExitCodes.Failure, $"{inUse.Message}, which does not answer on its status socket; give its mount point: fsmount about MOUNTPOINT", inUse);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            throw new StartupException(ExitCodes.Usage, $"cannot use the cache folder {cacheDirectory}: {failure.Message}", failure);
        }

        if (report.Info is null && report.LastFailure is { } refused)
        {
            throw new StartupException(
                refused.Error == FsError.AccessDenied ? ExitCodes.RemoteRefused : ExitCodes.Failure,
                ApiKeyRefusal.LineFor(refused) ?? $"cannot get the account's info from the service: {refused.Message}",
                refused);
        }

        return AccountAbout.From(report, cacheDirectory);
    }

    private static string Describe(AccountAbout about)
    {
        if (about is not { FetchedAt: { } fetchedAt, UsedBytes: { } used, QuotaBytes: { } quota, FreeBytes: { } free })
        {
            throw new StartupException(
                ExitCodes.Failure,
                about.Problem is null
                    ? "the service was asked for the account's info less than 5 minutes ago and its answer is not known here; it allows one ask per 5 minutes: try again then"
                    : $"cannot get the account's info from the service: {about.Problem}");
        }

        var lastAsk = about.Problem is null ? "" : $"last ask:      failed ({about.Problem}); the values are from the one before\n";
        return string.Create(CultureInfo.InvariantCulture, $"""
            used:          {Size(used)}
            quota:         {Size(quota)}
            free:          {Size(free)}
            subscription:  {(about.SubscriptionEnd is { } end ? $"ends {end.ToLocalTime():yyyy-MM-dd HH:mm zzz}" : "none")}
            as of:         {fetchedAt.ToLocalTime():yyyy-MM-dd HH:mm:ss zzz} (the service is asked at most once per 5 minutes)

            """) + lastAsk;
    }

    private static string Size(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{FlushProgress.Bytes(bytes)} ({bytes} bytes)");
}
