using FsMount.OneFichier;
using FsMount.OneFichier.Errors;

namespace FsMount.Cli;

/// <summary>
/// The one line for a key the service refused (<c>No such user #93</c>, <c>Not authenticated</c>): a
/// key pasted with a stray character, revoked or regenerated since, looks the same to the service, so
/// the line says to check it and where to get a new one.
/// </summary>
internal static class ApiKeyRefusal
{
    /// <summary>The line when <paramref name="failure"/> (or what caused it) is the service refusing the key; else null.</summary>
    public static string? LineFor(Exception failure)
    {
        for (var cause = failure; cause is not null; cause = cause.InnerException)
        {
            if (cause is OneFichierException refused
                && (refused.ErrorCode == OneFichierErrorCodes.NoSuchUser || refused.ServiceMessage.Contains("not authenticated", StringComparison.OrdinalIgnoreCase)))
            {
                return $"the service refused the API key ({refused.ServiceMessage}): check it for stray characters (spaces, quotes, a missing or extra letter), or regenerate it at {ApiKeyShape.KeyPage} and give the new one (fsmount login)";
            }
        }

        return null;
    }
}
