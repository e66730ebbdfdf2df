using System.Security.Cryptography;
using System.Text;

namespace FsMount.Cli.Commands;

/// <summary>
/// Where an account's cache folder is by default: one folder per account under the user's cache
/// folder (<c>$XDG_CACHE_HOME/fsmount</c>, else <c>~/.cache/fsmount</c>; on Windows <c>%LOCALAPPDATA%\fsmount</c>), named by a hash of the
/// account's identity and key, so two accounts never share staged files and the key cannot be read
/// back from the name.
/// </summary>
internal static class CacheLocation
{
    public static string For(string accountIdentity, string apiKey)
    {
        var cacheHome = OperatingSystem.IsWindows()
            ? Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData)
            : Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
                ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(cacheHome, "fsmount", AccountName(accountIdentity, apiKey));
    }

    /// <summary>The account's name in file names: a hash of its identity and key, from which the key cannot be read back.</summary>
    public static string AccountName(string accountIdentity, string apiKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(accountIdentity + "\n" + apiKey)).AsSpan(0, 8));
}
