using System.CommandLine;
using FsMount.Cli.Configuration;
using FsMount.Core;

namespace FsMount.Cli.Commands;

/// <summary>
/// <c>fsmount mount MOUNTPOINT</c>: layers the config file, the environment and its command line
/// (see <see cref="ResolvedSettings"/>) into <see cref="MountSettings"/>, then mounts.
/// </summary>
internal static class MountCommand
{
    public static readonly Uri DefaultApiUrl = new("https://api.1fichier.com/v1/");

    private static readonly TimeSpan s_defaultWriteBack = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan s_defaultFlushTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan s_defaultIoTimeout = new FsMountOptions().IoTimeout;
    private static readonly long s_defaultCacheMaxSize = new FsMountOptions().ChunkCacheBytes;

    public static Command Create()
    {
        var mountPoint = new Argument<string>("mountpoint") { Description = "Existing empty directory to mount the account on (Windows: a free drive letter such as X:)" };

        // A mistyped option before the mount point would otherwise be taken as the mount point
        // (and the mount point reported as the unknown token).
        mountPoint.Validators.Add(result =>
        {
            if (result.Tokens is [{ Value: ['-', _, ..] token }])
            {
                result.AddError(UsageErrorLine.UnknownOption(token));
            }
        });
        var config = new Option<string>("--config")
        {
            Description = "Config file to read (default: $XDG_CONFIG_HOME/fsmount/config.json, else ~/.config/fsmount/config.json, if it exists)",
            HelpName = "FILE",
        };
        var profile = new Option<string>("--profile")
        {
            Description = "Use this profile of the config file (an account, with its own key and settings), else FSMOUNT_PROFILE",
            HelpName = "NAME",
        };
        var apiUrl = new Option<string>("--api-url")
        {
            Description = $"API base URL including /v1 (for a local emulator: http://127.0.0.1:PORT/v1; default {DefaultApiUrl})",
            HelpName = "URL",
        };
        var apiKeyFile = new Option<FileInfo>("--api-key-file")
        {
            Description = $"File holding the API key, readable by its owner only; else {ApiKeySource.EnvironmentVariable}, the profile's apiKeyFile, then the key stored by fsmount login",
            HelpName = "FILE",
        };
        var emulator = new Option<string>("--emulator")
        {
            Description = "Serve a built-in emulated account (data in DIR, default under your data folder) instead of 1fichier.com",
            Arity = ArgumentArity.ZeroOrOne,
            HelpName = "DIR",
        };
        var allowOther = new Option<bool>("--allow-other") { Description = "Let other users see the mount (default: the mounting user only)" };
        var readOnly = new Option<bool>("--read-only") { Description = "Mount read-only: every change is refused (EROFS)" };
        var cacheDirectory = new Option<string>("--cache-dir")
        {
            Description = "Folder for staged writes, the upload journal and the cache of bytes read (default: one per account under ~/.cache/fsmount)",
            HelpName = "DIR",
        };
        var cacheMaxSize = new Option<string>("--cache-max-size")
        {
            Description = "Most bytes kept of files read, across restarts (default 10GiB; e.g. 500MB; 0 keeps nothing); files used least recently go first",
            HelpName = "SIZE",
        };
        var writeBack = new Option<string>("--write-back")
        {
            Description = "How long after close a written file waits before its upload, so a rename or rewrite right after is uploaded once (default 5s)",
            HelpName = "DURATION",
        };
        var flushTimeout = new Option<string>("--flush-timeout")
        {
            Description = "How long unmounting waits for pending uploads; what is left uploads at the next mount (default 10m)",
            HelpName = "DURATION",
        };
        var ioTimeout = new Option<string>("--io-timeout")
        {
            Description = "How long a file operation may wait for the service (a lock-out, a stalled answer) before it fails with EIO (default 1m)",
            HelpName = "DURATION",
        };
        var userId = new Option<string>("--uid")
        {
            Description = "Show files as owned by this user id (default: the mounting user); mounted by root, this user may use the mount",
            HelpName = "UID",
        };
        var groupId = new Option<string>("--gid") { Description = "Show files as owned by this group id (default: the --uid user's primary group, else the mounting user's)", HelpName = "GID" };
        var umask = new Option<string>("--umask")
        {
            Description = "Permission bits to remove from every file and folder shown, in octal (e.g. 022 or 077); only what is shown changes, nothing more is enforced",
            HelpName = "OCTAL",
        };

        var daemon = new Option<bool>(DaemonLauncher.Option) { Description = "Run in the background: return once the account is mounted (for systems without systemd; stop it with fsmount unmount)" };
        var network = new Option<string>("--network")
        {
            Description = @"Windows: show the account as a network drive under this UNC name (e.g. \\fsmount\account); MOUNTPOINT is then a drive letter",
            HelpName = "UNC",
        };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Log one line per FUSE request, API call and retry (the debug level)" };
        var trace = new Option<bool>("-vv") { Description = "Log even more: the trace level (each read window, cache decision, ...)" };
        var logLevel = new Option<string>("--log-level")
        {
            Description = "Least important events to log: trace, debug (as -v), information, warning (default, once mounted) or error",
            HelpName = "LEVEL",
        };
        var logFile = new Option<string>("--log-file")
        {
            Description = "Also append the events logged, timestamped, one per line, to FILE (created readable by you only)",
            HelpName = "FILE",
        };

        var command = new Command(
            "mount",
            "Mount the account on MOUNTPOINT and stay in the foreground until it is unmounted (with --daemon, return once mounted). The options from --api-url to --log-file but --api-key-file, --emulator "
            + "and --network may also be set in the config file (in camelCase: cacheMaxSize, readOnly, logLevel; top level or under \"profiles\") or the environment "
            + "(FSMOUNT_cacheMaxSize); the command line wins over the environment, which wins over the file")
        {
            mountPoint, config, profile, apiUrl, apiKeyFile, emulator, allowOther, readOnly, cacheDirectory, cacheMaxSize, writeBack, flushTimeout, ioTimeout,
            userId, groupId, umask, network, daemon, verbose, trace, logLevel, logFile,
        };
        command.Validators.Add(result =>
        {
            // The emulator serves its own API on a free local port: a URL given with it would go unused without a word.
            if (result.GetResult(emulator) is not null && result.GetResult(apiUrl) is not null)
            {
                result.AddError("--emulator serves its own API, so --api-url cannot be given with it; drop one of the two");
            }

            // The emulator makes its own key: a key file given with it would be ignored without a word.
            if (result.GetResult(emulator) is not null && result.GetResult(apiKeyFile) is not null)
            {
                result.AddError("--emulator makes its own API key, so --api-key-file cannot be given with it; drop one of the two");
            }
        });

        // The options a config file may set too, by setting name (see SettingNames).
        IReadOnlyList<(string Setting, Option Option)> settable =
        [
            (SettingNames.Profile, profile), (SettingNames.ApiUrl, apiUrl), (SettingNames.CacheDir, cacheDirectory),
            (SettingNames.CacheMaxSize, cacheMaxSize), (SettingNames.WriteBack, writeBack), (SettingNames.FlushTimeout, flushTimeout), (SettingNames.IoTimeout, ioTimeout),
            (SettingNames.ReadOnly, readOnly), (SettingNames.AllowOther, allowOther), (SettingNames.Uid, userId), (SettingNames.Gid, groupId),
            (SettingNames.Umask, umask), (SettingNames.LogLevel, logLevel), (SettingNames.LogFile, logFile),
        ];
        command.SetAction((parseResult, cancellationToken) =>
        {
            if (parseResult.GetValue(daemon))
            {
                return DaemonLauncher.RunAsync(cancellationToken);
            }

            var given = new Dictionary<string, (string Option, string Value)>(StringComparer.OrdinalIgnoreCase);
            // A flag not given still has a result (its implicit false): only what was typed is a setting.
            foreach (var (setting, option) in settable.Where(pair => parseResult.GetResult(pair.Option) is { Implicit: false }))
            {
                given[setting] = (option.Name, parseResult.GetResult(option)!.Tokens is [var token] ? token.Value : "true");
            }

            if (!given.ContainsKey(SettingNames.LogLevel) && (parseResult.GetValue(trace) || parseResult.GetValue(verbose)))
            {
                given[SettingNames.LogLevel] = parseResult.GetValue(trace) ? (trace.Name, "trace") : (verbose.Name, "debug");
            }

            MountSettings settings;
            try
            {
                var resolved = Resolve(parseResult.GetValue(config), SettingLayers.FromCommandLine(given));
                settings = Read(resolved, parseResult.GetRequiredValue(mountPoint), parseResult.GetValue(apiKeyFile), parseResult.GetResult(emulator) is not null, parseResult.GetValue(emulator), parseResult.GetValue(network));
            }
            catch (StartupException failure)
            {
                Console.Error.WriteLine($"fsmount: {failure.Message}");
                return Task.FromResult(failure.ExitCode);
            }

            return MountSession.RunAsync(settings, cancellationToken);
        });
        return command;
    }

    /// <summary>The config file, the environment and the command line, layered; warnings printed. Also for commands that reach an account without mounting it.</summary>
    internal static ResolvedSettings Resolve(string? configFile, SettingLayer commandLine)
    {
        SettingLayer[] layers = SettingLayers.FromConfigFile(configFile) is { } file
            ? [file, SettingLayers.FromEnvironment(), commandLine]
            : [SettingLayers.FromEnvironment(), commandLine];
        var resolved = ResolvedSettings.Resolve(layers, ConfigFolder.ProfilesWithStoredKeys());
        foreach (var warning in resolved.Warnings)
        {
            Console.Error.WriteLine($"fsmount: warning: {warning}");
        }

        return resolved;
    }

    /// <summary>The settings of a mount; a command that reaches the account without mounting gives an empty <paramref name="mountPoint"/>.</summary>
    internal static MountSettings Read(ResolvedSettings settings, string mountPoint, FileInfo? apiKeyFile, bool useEmulator, string? emulatorDirectory, string? networkName) =>
        new(
            mountPoint,
            WithTrailingSlash(settings.GetObject(SettingNames.ApiUrl, SettingValues.HttpUrl) ?? DefaultApiUrl),
            apiKeyFile,
            settings.Find(SettingNames.ApiKeyFile),
            settings.Profile,
            useEmulator,
            emulatorDirectory,
            settings.Get(SettingNames.AllowOther, SettingValues.Boolean) ?? false,
            settings.Get(SettingNames.ReadOnly, SettingValues.Boolean) ?? false,
            settings.GetObject(SettingNames.CacheDir, SettingValues.Path),
            settings.Get(SettingNames.CacheMaxSize, SettingValues.Size) ?? s_defaultCacheMaxSize,
            settings.Get(SettingNames.WriteBack, SettingValues.Duration) ?? s_defaultWriteBack,
            settings.Get(SettingNames.FlushTimeout, SettingValues.Duration) ?? s_defaultFlushTimeout,
            settings.Get(SettingNames.IoTimeout, SettingValues.Duration) ?? s_defaultIoTimeout,
            settings.Get(SettingNames.LogLevel, SettingValues.Level),
            settings.GetObject(SettingNames.LogFile, SettingValues.Path),
            settings.Get(SettingNames.Uid, SettingValues.Id),
            settings.Get(SettingNames.Gid, SettingValues.Id),
            settings.Get(SettingNames.Umask, SettingValues.Octal) ?? 0,
            networkName,
            TuningSettings.Build(settings));

    // Relative endpoint paths ("folder/ls.cgi") resolve under the base only when it ends with '/'.
    private static Uri WithTrailingSlash(Uri url) =>
        url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
}
