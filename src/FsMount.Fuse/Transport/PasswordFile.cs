using System.Globalization;

namespace FsMount.Fuse.Transport;

/// <summary>
/// /etc/passwd, where a user's primary group is: a mount made by root for <c>--uid</c> alone belongs to
/// that user's group too, since the kernel lets in only a caller whose user and group both match.
/// </summary>
internal static class PasswordFile
{
    public const string Path = "/etc/passwd";

    /// <summary>The primary group of <paramref name="userId"/> in <paramref name="contents"/> (lines <c>name:x:uid:gid:...</c>), or null.</summary>
    public static uint? PrimaryGroupOf(uint userId, string contents)
    {
        foreach (var line in contents.Split('\n'))
        {
            var fields = line.Split(':');
            if (fields.Length >= 4
                && uint.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var uid) && uid == userId
                && uint.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var gid))
            {
                return gid;
            }
        }

        return null;
    }

    public static uint? PrimaryGroupOf(uint userId) => File.Exists(Path) ? PrimaryGroupOf(userId, File.ReadAllText(Path)) : null;
}
