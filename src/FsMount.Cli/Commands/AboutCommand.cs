using System.CommandLine;
using System.Globalization;
using System.Net.Sockets;
using System.Runtime.Versioning;
using FsMount.Cli.Configuration;
using FsMount.Cli.Status;
using FsMount.Core;
using FsMount.Core.Errors;
using FsMount.Core.Metadata;
using FsMount.OneFichier;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

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
    private const string Never = "(not known yet)";

    public static Command Create()
    {
        var mountPoint = new Argument<string?>("mountpoint") { Description = "A running mount of the account (default: the account of --profile, through its mount when one runs)", Arity = ArgumentArity.ZeroOrOne };
        var config = new Option<string>("--config") { Description = "Config file to read (as for fsmount mount)", HelpName = "FILE" };
        var profile = new Option<string>("--profile") { Description = "The account of this profile of the config file, else FSMOUNT_PROFILE", HelpName = "NAME" };
        var apiUrl = new Option<string>("--api-url") { Description = $"API base URL including /v1 (default {MountCommand.DefaultApiUrl})", HelpName = "URL" };
        var apiKeyFile = new Option<FileInfo>("--api-key-file") { Description = $"File holding the API key (else {ApiKeySource.EnvironmentVariable}, the profile's apiKeyFile, the key stored by fsmount login)", HelpName = "FILE" };
        var cacheDirectory = new Option<string>("--cache-dir") { Description = "The account's cache folder, if its mounts use another than the default", HelpName = "DIR" };
        var command = new Command("about", "Show the account's storage used, quota, free space and subscription end (asks the service at most once per 5 minutes per account)")
        {
            mountPoint, config, profile, apiUrl, apiKeyFile, cacheDirectory,
        };
        IReadOnlyList<(string Setting, Option Option)> settable =
            [(SettingNames.Profile, profile), (SettingNames.ApiUrl, apiUrl), (SettingNames.CacheDir, cacheDirectory)];
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
                    about = await AskMountAsync(mounted, cacheDirectory: null, cancellationToken)
                        ?? throw new StartupException(ExitCodes.Failure, $"no fsmount mount of this user is running on {mounted}; run fsmount about --profile NAME to ask the account without a mount");
                }
                else
                {
                    var given = settable
                        .Where(pair => parseResult.GetResult(pair.Option) is { Implicit: false })
                        .ToDictionary(pair => pair.Setting, pair => (pair.Option.Name, parseResult.GetResult(pair.Option)!.Tokens[0].Value), StringComparer.OrdinalIgnoreCase);
                    var resolved = MountCommand.Resolve(parseResult.GetValue(config), SettingLayers.FromCommandLine(given));
                    about = await AskAccountAsync(MountCommand.Read(resolved, string.Empty, parseResult.GetValue(apiKeyFile), false, null, null), cancellationToken);
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
        var cacheDirectory = Path.GetFullPath(settings.CacheDirectory ?? CacheLocation.For(settings.ApiUrl.AbsoluteUri, apiKey));
        return await AskRunningMountAsync(cacheDirectory, cancellationToken)
            ?? await ReadCacheFolderAsync(settings, apiKey, cacheDirectory, cancellationToken);
    }

    // One call budget per account on a host: a mount of the account answers from its cache, and paces any ask with its own calls.
    [UnsupportedOSPlatform("windows")]
    private static async Task<AccountAbout?> AskRunningMountAsync(string cacheDirectory, CancellationToken cancellationToken)
    {
        foreach (var socket in StatusSocketFolder.Sockets())
        {
            if (await AskSocketAsync(socket, cacheDirectory, cancellationToken) is { } about)
            {
                return about;
            }
        }

        return null;
    }

    [UnsupportedOSPlatform("windows")]
    private static Task<AccountAbout?> AskMountAsync(string mountPoint, string? cacheDirectory, CancellationToken cancellationToken) =>
        AskSocketAsync(StatusSocketFolder.SocketFor(mountPoint), cacheDirectory, cancellationToken);

    /// <summary>The mount's answer; null when no mount answers there or it is another account's.</summary>
    private static async Task<AccountAbout?> AskSocketAsync(string socket, string? cacheDirectory, CancellationToken cancellationToken)
    {
        try
        {
            return await StatusClient.AskAboutAsync(socket, cacheDirectory, cancellationToken);
        }
        catch (Exception failure) when (failure is SocketException or IOException)
        {
            return null;
        }
    }

    private static async Task<AccountAbout> ReadCacheFolderAsync(MountSettings settings, string apiKey, string cacheDirectory, CancellationToken cancellationToken)
    {
        var coreOptions = new FsMountOptions();
        settings.Tuning.GetSection("Core").Bind(coreOptions);
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddOneFichier(
                options =>
                {
                    settings.Tuning.GetSection("OneFichier").Bind(options);
                    options.ApiBaseUrl = settings.ApiUrl;
                },
                apiKey)
            .BuildServiceProvider();
        AccountInfoReport report;
        try
        {
            report = await CacheFolderAccountInfo.ReadAsync(
                cacheDirectory,
                services.GetRequiredService<OneFichierDrive>(),
                coreOptions.StatisticsCacheTime,
                services.GetRequiredService<TimeProvider>(),
                NullLogger.Instance,
                cancellationToken);
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
        if (about.FetchedAt is not { } fetchedAt)
        {
            throw new StartupException(
                ExitCodes.Failure,
                about.Problem is null
                    ? "the service was asked for the account's info less than 5 minutes ago and its answer is not known here; it allows one ask per 5 minutes: try again then"
                    : $"cannot get the account's info from the service: {about.Problem}");
        }

        var lastAsk = about.Problem is null ? "" : $"last ask:      failed ({about.Problem}); the values are from the one before\n";
        return string.Create(CultureInfo.InvariantCulture, $"""
            used:          {Size(about.UsedBytes)}
            quota:         {Size(about.QuotaBytes)}
            free:          {Size(about.FreeBytes)}
            subscription:  {(about.SubscriptionEnd is { } end ? $"ends {end.ToLocalTime():yyyy-MM-dd HH:mm zzz}" : "none")}
            as of:         {fetchedAt.ToLocalTime():yyyy-MM-dd HH:mm:ss zzz} (the service is asked at most once per 5 minutes)

            """) + lastAsk;
    }

    private static string Size(long? bytes) => bytes is { } known
        ? string.Create(CultureInfo.InvariantCulture, $"{FlushProgress.Bytes(known)} ({known} bytes)")
        : Never;
}
