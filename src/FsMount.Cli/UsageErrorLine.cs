using System.CommandLine;

namespace FsMount.Cli;

/// <summary>
/// The one line printed for a command line that does not parse. The parser often reports several
/// errors for one mistake (<c>fsmount --bogus</c> is both an unknown token and a missing command);
/// the user needs the cause, so only one is shown, with the help of the command it was meant for.
/// </summary>
internal static class UsageErrorLine
{
    public static string For(ParseResult parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        var command = parsed.CommandResult.Command;
        var help = command is RootCommand ? "fsmount --help" : $"fsmount {command.Name} --help";

        // A token nothing knows is the likeliest cause of every other error (a mistyped option or command),
        // an option first: a mistyped option taken as the mount point leaves the mount point unmatched.
        // (The emulator command passes unknown tokens on to the emulator: they are not errors there.)
        var unknownOption = parsed.Errors.FirstOrDefault(error => error.Message.StartsWith(UnknownOptionPrefix, StringComparison.Ordinal))?.Message
            ?? parsed.UnmatchedTokens.Where(token => token.StartsWith('-')).Select(UnknownOption).FirstOrDefault();
        var cause = unknownOption is not null && command.TreatUnmatchedTokensAsErrors
            ? unknownOption
            : parsed.UnmatchedTokens.Count > 0 && command.TreatUnmatchedTokensAsErrors
                ? $"unknown option or command '{parsed.UnmatchedTokens[0]}'"
                : parsed.Errors[0].Message.TrimEnd('.');
        return $"fsmount: {cause} (see: {help})";
    }

    public static string UnknownOption(string token) => $"{UnknownOptionPrefix}'{token}'";

    private const string UnknownOptionPrefix = "unknown option ";
}
