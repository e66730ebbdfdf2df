using System.CommandLine;
using System.CommandLine.Parsing;

namespace FsMount.Cli.Commands;

/// <summary><c>fsmount mount MOUNTPOINT</c>: parses the command line into <see cref="MountSettings"/>.</summary>
internal static class MountCommand
{
    public static readonly Uri DefaultApiUrl = new("https://api.1fichier.com/v1/");

    public static Command Create()
    {
        var mountPoint = new Argument<string>("mountpoint") { Description = "Existing empty directory to mount the account on" };
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
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Log every request and API call to stderr" };

        var command = new Command("mount", "Mount the account on MOUNTPOINT and stay in the foreground until it is unmounted")
        {
            mountPoint, apiUrl, apiKeyFile, emulator, allowOther, verbose,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var settings = new MountSettings(
                parseResult.GetRequiredValue(mountPoint),
                WithTrailingSlash(parseResult.GetRequiredValue(apiUrl)),
                parseResult.GetValue(apiKeyFile),
                parseResult.GetResult(emulator) is not null,
                parseResult.GetValue(emulator),
                parseResult.GetValue(allowOther),
                parseResult.GetValue(verbose));
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

    // Relative endpoint paths ("folder/ls.cgi") resolve under the base only when it ends with '/'.
    private static Uri WithTrailingSlash(Uri url) =>
        url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
}
