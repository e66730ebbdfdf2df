using System.Text.RegularExpressions;

namespace FsMount.Fuse.Transport;

/// <summary>Reads <c>/proc/self/mountinfo</c>, where field 5 is the mount point with octal escapes (<c>\040</c> for a space).</summary>
internal static partial class MountTable
{
    private const string MountInfoPath = "/proc/self/mountinfo";

    public static bool IsMountPoint(string fullPath)
    {
        foreach (var line in File.ReadLines(MountInfoPath))
        {
            var fields = line.Split(' ');
            if (fields.Length > 4 && string.Equals(Unescape(fields[4]), fullPath, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static string Unescape(string field) =>
        OctalEscape().Replace(field, match => ((char)Convert.ToInt32(match.Groups[1].Value, 8)).ToString());

    [GeneratedRegex(@"\\([0-7]{3})")]
    private static partial Regex OctalEscape();
}
