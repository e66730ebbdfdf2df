using System.Text.RegularExpressions;

namespace FsMount.Fuse.Transport;

/// <summary>
/// Reads <c>/proc/self/mountinfo</c>, where field 3 is the device (<c>major:minor</c>), field 5 the
/// mount point with octal escapes (<c>\040</c> for a space), and the first field after " - " the
/// file system type.
/// </summary>
internal static partial class MountTable
{
    private const string MountInfoPath = "/proc/self/mountinfo";

    public static bool IsMountPoint(string fullPath) => Find(fullPath) is not null;

    /// <summary>The <c>major:minor</c> of the file system mounted last on <paramref name="fullPath"/>; null if none is.</summary>
    public static string? DeviceOf(string fullPath) => Find(fullPath)?.Device;

    /// <summary>The file system mounted last on <paramref name="fullPath"/> (the one a path lookup reaches); null if none is.</summary>
    public static MountEntry? Find(string fullPath)
    {
        MountEntry? found = null;
        foreach (var line in File.ReadLines(MountInfoPath))
        {
            var fields = line.Split(' ');
            var separator = Array.IndexOf(fields, "-", 6);
            if (separator > 0 && separator + 1 < fields.Length && string.Equals(Unescape(fields[4]), fullPath, StringComparison.Ordinal))
            {
                found = new MountEntry(fields[2], fields[separator + 1]);
            }
        }

        return found;
    }

    /// <summary>
    /// The file system a path lookup of <paramref name="fullPath"/> (absolute, symbolic links resolved)
    /// ends in: the one mounted last on the longest mount point that contains it.
    /// </summary>
    public static MountEntry? FindContaining(string fullPath)
    {
        MountEntry? found = null;
        var foundLength = -1;
        foreach (var line in File.ReadLines(MountInfoPath))
        {
            var fields = line.Split(' ');
            var separator = Array.IndexOf(fields, "-", 6);
            if (separator <= 0 || separator + 1 >= fields.Length)
            {
                continue;
            }

            var mountPoint = Unescape(fields[4]);
            if (mountPoint.Length >= foundLength && Contains(mountPoint, fullPath))
            {
                found = new MountEntry(fields[2], fields[separator + 1]);
                foundLength = mountPoint.Length;
            }
        }

        return found;
    }

    private static bool Contains(string mountPoint, string fullPath) =>
        mountPoint == "/"
        || string.Equals(mountPoint, fullPath, StringComparison.Ordinal)
        || (fullPath.StartsWith(mountPoint, StringComparison.Ordinal) && fullPath[mountPoint.Length] == '/');

    private static string Unescape(string field) =>
        OctalEscape().Replace(field, match => ((char)Convert.ToInt32(match.Groups[1].Value, 8)).ToString());

    [GeneratedRegex(@"\\([0-7]{3})")]
    private static partial Regex OctalEscape();
}
