using System.Buffers;
using System.Collections.Frozen;

namespace FsMount.Core.Names;

/// <summary>
/// Shows a remote name as a name Windows can hold, reversibly. The service allows what Windows
/// forbids; each such character gets a stand-in, the one rclone uses on Windows where it has one:
/// <list type="bullet">
/// <item><c>* ? : " &lt; &gt; | \ /</c>: their full-width forms <c>＊ ？ ： ＂ ＜ ＞ ｜ ＼ ／</c>;</item>
/// <item>control characters U+0000..U+001F: the control pictures <c>␀..␟</c>;</item>
/// <item>a trailing space or dot (Windows drops them): <c>␠</c> or <c>．</c>, for the last character only;</item>
/// <item>a reserved device name (<c>CON</c>, <c>PRN</c>, <c>AUX</c>, <c>NUL</c>, <c>COM0-9</c>, <c>LPT0-9</c>,
/// <c>COM¹²³</c>, <c>LPT¹²³</c>, <c>CONIN$</c>, <c>CONOUT$</c>, in any case, alone or before an
/// extension, as in <c>nul.txt</c>): its first letter in full width, so <c>con.txt</c> shows as <c>ｃon.txt</c>.</item>
/// </list>
/// A stand-in that a remote name holds literally, where it would be read back as a substitute, is
/// preceded by rclone's quote <c>‛</c> (U+201B), and so is a quote that precedes a quote or a
/// possible stand-in. So <see cref="RemoteNameOf"/>(<see cref="Present"/>(x)) == x for every
/// non-empty x, and a shown name is always a valid Windows name.
/// </summary>
/// <remarks>
/// Each character of the remote name becomes one token of the shown name (a stand-in, a quote and a
/// literal character, or the character itself), so the rules can speak of positions: the decoder
/// tokenizes without context (a quote pairs with the character after it when that one is a quote or
/// could be a stand-in), then decides for each unquoted token whether it is a stand-in where it
/// stands. The encoder quotes exactly what that decoder would misread. The service holds no empty
/// names; one would be shown as <c>␀</c>, as on Linux.
/// </remarks>
internal static class WindowsNames
{
    private const char Quote = '\u201B';
    private const char NullPicture = '\u2400';
    private const char LastControlPicture = '\u241F';
    private const char SpaceStandIn = '\u2420';
    private const char DotStandIn = '\uFF0E';
    private const int FullWidthOffset = 0xFEE0;

    private static readonly SearchValues<char> s_forbidden = SearchValues.Create("*?:\"<>|\\/");

    // Every character that may need a stand-in or a quote, wherever it stands: most names have none.
    private static readonly SearchValues<char> s_special = SearchValues.Create(
        "*?:\"<>|\\/\u201B"
        + string.Concat(Enumerable.Range(0, ' ').Select(c => (char)c))
        + string.Concat(Enumerable.Range(NullPicture, SpaceStandIn - NullPicture + 1).Select(c => (char)c))
        + string.Concat(Enumerable.Range('\uFF01', '\uFF5E' - '\uFF01' + 1).Select(c => (char)c)));

    private static readonly FrozenSet<string> s_devices = new[]
    {
        "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
        "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "COM\u00B9", "COM\u00B2", "COM\u00B3",
        "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT\u00B9", "LPT\u00B2", "LPT\u00B3",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> s_deviceLookup = s_devices.GetAlternateLookup<ReadOnlySpan<char>>();

    public static string Present(string remoteName)
    {
        ArgumentNullException.ThrowIfNull(remoteName);
        if (remoteName.Length == 0)
        {
            return NullPicture.ToString();
        }

        var device = IsDeviceName(remoteName);
        if (!device && remoteName.AsSpan().IndexOfAny(s_special) < 0 && remoteName[^1] is not (' ' or '.'))
        {
            return remoteName;
        }

        var shown = new char[remoteName.Length * 2];
        var length = 0;
        for (var i = 0; i < remoteName.Length; i++)
        {
            var c = remoteName[i];
            if (NeedsStandIn(c, i, remoteName.Length, device))
            {
                shown[length++] = StandInFor(c);
                continue;
            }

            // A literal that the decoder would take for a stand-in (or pair with the quote) is quoted.
            if (c == Quote ? QuotesNext(remoteName, i + 1, device) : IsStandInAt(c, i, remoteName.Length, remoteName.AsSpan(1)))
            {
                shown[length++] = Quote;
            }

            shown[length++] = c;
        }

        return new string(shown, 0, length);
    }

    /// <summary>
    /// The remote name shown as <paramref name="shownName"/>; null when no remote name is shown that
    /// way (a name Windows forbids, or one with a stand-in where it cannot stand), so a new entry
    /// always shows under the name it was created with.
    /// </summary>
    public static string? RemoteNameOf(string shownName)
    {
        ArgumentNullException.ThrowIfNull(shownName);
        var tokens = new List<(char Char, bool Literal)>(shownName.Length);
        for (var i = 0; i < shownName.Length; i++)
        {
            var c = shownName[i];
            if (c == Quote && i + 1 < shownName.Length && (shownName[i + 1] == Quote || CouldBeStandIn(shownName[i + 1])))
            {
                tokens.Add((shownName[++i], true));
            }
            else
            {
                tokens.Add((c, false));
            }
        }

        // Right to left: whether the first character stands in for a device name's letter depends on the rest.
        var remote = new char[tokens.Count];
        for (var i = tokens.Count - 1; i >= 0; i--)
        {
            var (c, literal) = tokens[i];
            remote[i] = !literal && IsStandInAt(c, i, remote.Length, remote.AsSpan(1)) ? Original(c) : c;
        }

        var remoteName = new string(remote);
        return remoteName.Length > 0 && Present(remoteName) == shownName ? remoteName : null;
    }

    private static bool NeedsStandIn(char c, int index, int length, bool device) =>
        s_forbidden.Contains(c)
        || c < ' '
        || (index == length - 1 && c is ' ' or '.')
        || (index == 0 && device);

    private static char StandInFor(char c) => c switch
    {
        < ' ' => (char)(NullPicture + c),
        ' ' => SpaceStandIn,
        _ => (char)(c + FullWidthOffset),
    };

    private static char Original(char standIn) => standIn switch
    {
        >= NullPicture and <= LastControlPicture => (char)(standIn - NullPicture),
        SpaceStandIn => ' ',
        _ => (char)(standIn - FullWidthOffset),
    };

    /// <summary>Whether <paramref name="c"/>, unquoted at <paramref name="index"/>, is read as a stand-in; <paramref name="rest"/> is the remote name after the first character.</summary>
    private static bool IsStandInAt(char c, int index, int length, ReadOnlySpan<char> rest) =>
        IsFullWidthForbidden(c)
        || c is >= NullPicture and <= LastControlPicture
        || (index == length - 1 && c is SpaceStandIn or DotStandIn)
        || (index == 0 && IsFullWidthLetter(c) && IsDeviceName(Original(c) + rest.ToString()));

    // The decoder pairs a quote with a following quote or possible stand-in, so such a quote is doubled.
    private static bool QuotesNext(string remoteName, int next, bool device) =>
        next < remoteName.Length
        && (remoteName[next] == Quote || CouldBeStandIn(remoteName[next]) || NeedsStandIn(remoteName[next], next, remoteName.Length, device));

    private static bool CouldBeStandIn(char c) =>
        IsFullWidthForbidden(c) || c is >= NullPicture and <= SpaceStandIn or DotStandIn || IsFullWidthLetter(c);

    private static bool IsFullWidthForbidden(char c) => c > FullWidthOffset && s_forbidden.Contains((char)(c - FullWidthOffset));

    private static bool IsFullWidthLetter(char c) => c > FullWidthOffset && char.IsAsciiLetter((char)(c - FullWidthOffset));

    // Windows reads "nul.txt" and "nul .txt" as the device too: the part before the first dot counts, trailing spaces dropped.
    private static bool IsDeviceName(string name)
    {
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        var stem = (dot < 0 ? name.AsSpan() : name.AsSpan(0, dot)).TrimEnd(' ');
        return stem.Length is >= 3 and <= 7 && s_deviceLookup.Contains(stem);
    }
}
