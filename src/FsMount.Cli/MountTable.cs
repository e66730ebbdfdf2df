using System.Text;

namespace FsMount.Cli;

/// <summary>Reads the kernel's mount table (/proc/self/mountinfo).</summary>
internal static class MountTable
{
    private const string MountInfoPath = "/proc/self/mountinfo";

    public static bool IsMountPoint(string fullPath)
    {
        if (!File.Exists(MountInfoPath))
        {
            return false;
        }

        var trimmed = Path.TrimEndingDirectorySeparator(fullPath);
        foreach (var line in File.ReadLines(MountInfoPath))
        {
            // Fields: id parent major:minor root mountpoint options ...; the mountpoint is field 5.
            var fields = line.Split(' ');
            if (fields.Length > 4 && Unescape(fields[4]) == trimmed)
            {
                return true;
            }
        }

        return false;
    }

    // The kernel writes space, tab, newline and backslash in mount paths as \ooo octal escapes;
    // all four are ASCII, so each escape is one character.
    private static string Unescape(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal))
        {
            return field;
        }

        var text = new StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && IsOctalTriple(field.AsSpan(i + 1)))
            {
                text.Append((char)Convert.ToInt32(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                text.Append(field[i]);
            }
        }

        return text.ToString();
    }

    private static bool IsOctalTriple(ReadOnlySpan<char> text) =>
        text.Length >= 3 && char.IsBetween(text[0], '0', '7') && char.IsBetween(text[1], '0', '7') && char.IsBetween(text[2], '0', '7');
}
