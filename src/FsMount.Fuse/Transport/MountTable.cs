using System.Text.RegularExpressions;

namespace FsMount.Fuse.Transport;

/// <summary>
/// Reads <c>/proc/self/mountinfo</c>, where field 3 is the device (<c>major:minor</c>) and field 5 the
/// mount point with octal escapes (<c>\040</c> for a space).
/// </summary>
internal static partial class MountTable
{
    private const string MountInfoPath = "/proc/self/mountinfo";

    public static bool IsMountPoint(string fullPath) => DeviceOf(fullPath) is not null;

    /// <summary>The <c>major:minor</c> of the file system mounted last on <paramref name="fullPath"/>; null if none is.</summary>
    public static string? DeviceOf(string fullPath)
    {
        string? device = null;
        foreach (var line in File.ReadLines(MountInfoPath))
        {
            var fields = line.Split(' ');
            if (fields.Length > 4 && string.Equals(Unescape(fields[4]), fullPath, StringComparison.Ordinal))
            {
                device = fields[2];
            }
        }

        return device;
    }

    private static string Unescape(string field) =>
        OctalEscape().Replace(field, match => ((char)Convert.ToInt32(match.Groups[1].Value, 8)).ToString());

    [GeneratedRegex(@"\\([0-7]{3})")]
    private static partial Regex OctalEscape();
}
