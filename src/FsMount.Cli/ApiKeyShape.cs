using System.Globalization;

namespace FsMount.Cli;

/// <summary>
/// Refuses a key that cannot be a 1fichier key before any call is made, naming where it came from
/// and what is wrong with it, never the key itself. 1fichier's keys are 32 characters from
/// <c>[A-Za-z0-9-_=]</c> (onefichier-api.md: a hint, not a contract), so only what no key can hold is
/// refused: nothing, white space or invisible characters inside, characters beyond plain ASCII, or a
/// length far from 32.
/// </summary>
internal static class ApiKeyShape
{
    /// <summary>Where 1fichier's users generate (and regenerate) their API key.</summary>
    public const string KeyPage = "https://1fichier.com/console/params.pl";

    private const int ShortestKey = 16;
    private const int LongestKey = 256;

    /// <summary>Returns <paramref name="key"/> when it has a key's shape.</summary>
    /// <exception cref="StartupException">It cannot be a key; the message says what is wrong and where it came from.</exception>
    public static string Check(string key, string source)
    {
        ArgumentNullException.ThrowIfNull(key);
        var problem = ProblemOf(key);
        return problem is null
            ? key
            : throw new StartupException(
                ExitCodes.Usage,
                $"the API key from {source} {problem}, so it cannot be a 1fichier key (those are 32 letters, digits, '-', '_' or '='); copy it again from {KeyPage}");
    }

    private static string? ProblemOf(string key)
    {
        if (key.Length == 0)
        {
            return "is empty";
        }

        if (key.Any(char.IsWhiteSpace))
        {
            return "has a space or a line break inside";
        }

        if (key.Any(c => char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format))
        {
            return "has an invisible control character inside";
        }

        if (key.Any(c => !char.IsAscii(c)))
        {
            return "has a character that is not plain ASCII (a typographic quote or dash?)";
        }

        return key.Length is < ShortestKey or > LongestKey
            ? string.Create(CultureInfo.InvariantCulture, $"is {key.Length} characters long")
            : null;
    }
}
