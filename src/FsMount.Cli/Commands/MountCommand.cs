using System.CommandLine;
using System.CommandLine.Parsing;
using FsMount.Core;
using FsMount.Emulator.Hosting;

namespace FsMount.Cli.Commands;

/// <summary><c>fsmount mount MOUNTPOINT</c>: parses the command line into <see cref="MountSettings"/>.</summary>
internal static class MountCommand
{
    public static readonly Uri DefaultApiUrl = new("https://api.1fichier.com/v1/");

    private static readonly TimeSpan s_defaultWriteBack = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan s_defaultFlushTimeout = TimeSpan.FromMinutes(10);
    private static readonly long s_defaultCacheMaxSize = new FsMountOptions().ChunkCacheBytes;

    public static Command Create()
    {
        var mountPoint = new Argument<string>("mountpoint") { Description = "Existing empty directory to mount the account on (Windows: a free drive letter such as X:)" };
        var apiUrl = new Option<Uri>("--api-url")
        {
            Description = "API base URL including /v1 (for a local emulator: http://127.0.0.1:PORT/v1)",
            DefaultValueFactory = _ => DefaultApiUrl,
            CustomParser = ParseApiUrl,
        };
        var apiKeyFile = new Option<FileInfo>("--api-key-file")
        {
            Description = $"File holding the API key, readable by its owner only (else the {ApiKeySource.EnvironmentVariable} environment variable)",
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
        var cacheMaxSize = new Option<long>("--cache-max-size")
        {
            Description = "Most bytes kept of files read, across restarts (default 10GiB; e.g. 500MB; 0 keeps nothing); files used least recently go first",
            CustomParser = result => Parse(result, (key, text) => OptionValues.Size(key, text)),
            HelpName = "SIZE",
        };
        var writeBack = new Option<TimeSpan>("--write-back")
        {
            Description = "How long after close a written file waits before its upload, so a rename or rewrite right after is uploaded once (default 5s)",
            CustomParser = result => Parse(result, OptionValues.Duration),
            HelpName = "DURATION",
        };
        var flushTimeout = new Option<TimeSpan>("--flush-timeout")
        {
            Description = "How long unmounting waits for pending uploads; what is left uploads at the next mount (default 10m)",
            CustomParser = result => Parse(result, OptionValues.Duration),
            HelpName = "DURATION",
        };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Log one line per FUSE request, API call and retry to stderr" };
        var userId = new Option<uint?>("--uid")
        {
            Description = "Show files as owned by this user id (default: the mounting user); mounted by root, this user may use the mount",
            HelpName = "UID",
        };
        var groupId = new Option<uint?>("--gid") { Description = "Show files as owned by this group id (default: the --uid user's primary group, else the mounting user's)", HelpName = "GID" };
        var umask = new Option<uint>("--umask")
        {
            Description = "Permission bits to remove from every file and folder shown, in octal (e.g. 022 or 077); only what is shown changes, nothing more is enforced",
            CustomParser = ParseUmask,
            HelpName = "OCTAL",
        };

        var daemon = new Option<bool>(DaemonLauncher.Option) { Description = "Run in the background: return once the account is mounted (for systems without systemd; stop it with fsmount unmount)" };
        var network = new Option<string>("--network")
        {
            Description = @"Windows: show the account as a network drive under this UNC name (e.g. \\fsmount\account); MOUNTPOINT is then a drive letter",
            HelpName = "UNC",
        };

        var command = new Command("mount", "Mount the account on MOUNTPOINT and stay in the foreground until it is unmounted")
        {
            mountPoint, apiUrl, apiKeyFile, emulator, allowOther, readOnly, cacheDirectory, cacheMaxSize, writeBack, flushTimeout, userId, groupId, umask, network, daemon, verbose,
        };
        command.Validators.Add(result =>
        {
            // The emulator serves its own API on a free local port: a URL given with it would go unused without a word.
            if (result.GetResult(emulator) is not null && result.GetResult(apiUrl) is { Implicit: false })
            {
                result.AddError("--emulator serves its own API, so --api-url cannot be given with it; drop one of the two");
            }

            // The emulator makes its own key: a key file given with it would be ignored without a word.
            if (result.GetResult(emulator) is not null && result.GetResult(apiKeyFile) is not null)
            {
                result.AddError("--emulator makes its own API key, so --api-key-file cannot be given with it; drop one of the two");
            }
        });
        command.SetAction((parseResult, cancellationToken) =>
        {
            if (parseResult.GetValue(daemon))
            {
                return DaemonLauncher.RunAsync(cancellationToken);
            }

            var settings = new MountSettings(
                parseResult.GetRequiredValue(mountPoint),
                WithTrailingSlash(parseResult.GetRequiredValue(apiUrl)),
                parseResult.GetValue(apiKeyFile),
                parseResult.GetResult(emulator) is not null,
                parseResult.GetValue(emulator),
                parseResult.GetValue(allowOther),
                parseResult.GetValue(readOnly),
                parseResult.GetValue(cacheDirectory),
                ValueOr(parseResult, cacheMaxSize, s_defaultCacheMaxSize),
                ValueOr(parseResult, writeBack, s_defaultWriteBack),
                ValueOr(parseResult, flushTimeout, s_defaultFlushTimeout),
                parseResult.GetValue(verbose),
                parseResult.GetValue(userId),
                parseResult.GetValue(groupId),
                parseResult.GetValue(umask),
                parseResult.GetValue(network));
            return MountSession.RunAsync(settings, cancellationToken);
        });
        return command;
    }

    private static Uri? ParseApiUrl(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp))
        {
            return url;
        }

        result.AddError($"--api-url must be an absolute http(s) URL such as https://api.1fichier.com/v1, not '{text}'");
        return null;
    }

    private static uint ParseUmask(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        try
        {
            var bits = Convert.ToUInt32(text, 8);
            if (bits <= 0x1FF)
            {
                return bits;
            }
        }
        catch (Exception failure) when (failure is FormatException or OverflowException or ArgumentException)
        {
            // Reported below, as for a value out of range.
        }

        result.AddError($"--umask takes octal permission bits from 0 to 777 (e.g. 022 or 077), not '{text}'");
        return 0;
    }

    // The parsers the emulator's options use, with their messages, which name the option.
    // Defaults are given in the option's description in the form a user types ("10GiB", "5s"), which
    // the help would otherwise show as the parsed value ("10737418240", "00:00:05").
    private static T ValueOr<T>(ParseResult parseResult, Option<T> option, T fallback) =>
        parseResult.GetResult(option) is null ? fallback : parseResult.GetValue(option)!;

    private static T Parse<T>(ArgumentResult result, Func<string, string, T> parse)
        where T : struct
    {
        var text = result.Tokens.Single().Value;
        try
        {
            return parse(result.Parent is OptionResult option ? option.Option.Name.TrimStart('-') : "value", text);
        }
        catch (FormatException failure)
        {
            result.AddError(failure.Message);
            return default;
        }
    }

    // Relative endpoint paths ("folder/ls.cgi") resolve under the base only when it ends with '/'.
    private static Uri WithTrailingSlash(Uri url) =>
        url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
}
