using System.Globalization;
using System.Text;

namespace FsMount.OneFichier.Names;

/// <summary>
/// The name mapping of rclone's 1fichier backend (its encoder mask
/// <c>Slash,LtGt,DoubleQuote,SingleQuote,BackQuote,Dollar,BackSlash,Del,Ctl,LeftSpace,RightSpace,InvalidUtf8,Dot</c>),
/// so that FsMount and rclone see the same names in one account. Every name sent to the service is
/// encoded; every name received is decoded.
/// </summary>
/// <remarks>
/// <para>
/// rclone works on UTF-8 bytes and writes each byte of an invalid UTF-8 sequence as <c>‛XX</c>
/// (U+201B and two upper-case hex digits). .NET names are UTF-16: the only thing a string can hold
/// that has no UTF-8 form is a lone surrogate. A lone surrogate is encoded as the three bytes of its
/// WTF-8 form (<c>U+D800</c> becomes <c>‛ED‛A0‛80</c>), which is exactly what rclone writes for a
/// Linux name holding those raw bytes, and decoded back to the same lone surrogate, so
/// <c>Decode(Encode(x)) == x</c> for every string.
/// </para>
/// <para>
/// A name written by another tool may carry escaped bytes that are not a character at all (e.g.
/// <c>‛FF</c>). No string can hold such a byte, so the decoder keeps that escape as its literal text;
/// such a name can be listed and read, but writing it back under the decoded name addresses a
/// different remote name. A byte-level API will be needed if FUSE byte names must round-trip those.
/// </para>
/// <para>
/// One deliberate difference from rclone's decoder: rclone decides whether a trailing <c>␠</c> was
/// quoted by looking at one preceding character only, which mis-decodes a name ending in <c>‛ </c>.
/// This decoder counts the run of quote characters instead; it decodes every name rclone's encoder
/// produces to the name rclone meant.
/// </para>
/// </remarks>
public static class OneFichierNameCodec
{
    private const char Quote = '\u201B';
    private const char SymbolForNull = '\u2400';
    private const char SymbolForSpace = '\u2420';
    private const char SymbolForDelete = '\u2421';
    private const int FullWidthOffset = 0xFEE0;
    private const char Delete = '\u007F';

    private const string EncodedDot = "\uFF0E";
    private const string EncodedDotDot = "\uFF0E\uFF0E";
    private const string QuotedFullWidthDot = "\u201B\uFF0E";
    private const string QuotedFullWidthDotDot = "\u201B\uFF0E\u201B\uFF0E";

    /// <summary>Encodes a user-visible name into the name stored by the service.</summary>
    public static string Encode(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        switch (name)
        {
            case "":
                return name;
            case ".":
                return EncodedDot;
            case "..":
                return EncodedDotDot;
            case EncodedDot:
                return QuotedFullWidthDot;
            case EncodedDotDot:
                return QuotedFullWidthDotDot;
        }

        var output = new StringBuilder(name.Length + 8);
        ReadOnlySpan<char> body = name;
        if (body[0] == ' ')
        {
            output.Append(SymbolForSpace);
            body = body[1..];
        }
        else if (body[0] == SymbolForSpace)
        {
            output.Append(Quote).Append(SymbolForSpace);
            body = body[1..];
        }

        var suffix = string.Empty;
        if (!body.IsEmpty && body[^1] == ' ')
        {
            suffix = "\u2420";
            body = body[..^1];
        }
        else if (!body.IsEmpty && body[^1] == SymbolForSpace)
        {
            suffix = "\u201B\u2420";
            body = body[..^1];
        }

        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (char.IsHighSurrogate(c) && i + 1 < body.Length && char.IsLowSurrogate(body[i + 1]))
            {
                output.Append(c).Append(body[i + 1]);
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                AppendWtf8Escape(output, c);
            }
            else
            {
                AppendEncodedChar(output, c);
            }
        }

        return output.Append(suffix).ToString();
    }

    /// <summary>Decodes a name stored by the service into the user-visible name.</summary>
    public static string Decode(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        switch (name)
        {
            case EncodedDot:
                return ".";
            case EncodedDotDot:
                return "..";
            case QuotedFullWidthDot:
                return EncodedDot;
            case QuotedFullWidthDotDot:
                return EncodedDotDot;
        }

        var output = new StringBuilder(name.Length);
        ReadOnlySpan<char> body = name;
        if (body.StartsWith(SymbolForSpace))
        {
            output.Append(' ');
            body = body[1..];
        }
        else if (body.StartsWith("\u201B\u2420"))
        {
            output.Append(SymbolForSpace);
            body = body[2..];
        }

        var suffix = string.Empty;
        if (body.EndsWith(SymbolForSpace))
        {
            body = body[..^1];
            // The trailing symbol was quoted only if an odd run of quotes precedes it (an even run is
            // escaped quotes of the name itself).
            var quotes = body.Length - body.TrimEnd(Quote).Length;
            if (quotes % 2 == 1)
            {
                suffix = "\u2420";
                body = body[..^1];
            }
            else
            {
                suffix = " ";
            }
        }

        DecodeBody(body, output);
        return output.Append(suffix).ToString();
    }

    private static void AppendEncodedChar(StringBuilder output, char c)
    {
        if (c == '\0')
        {
            output.Append(SymbolForNull);
        }
        else if (c is SymbolForNull or Quote or SymbolForDelete || IsSymbolForControl(c) || IsFullWidthOfReserved(c))
        {
            output.Append(Quote).Append(c);
        }
        else if (IsReservedAscii(c))
        {
            output.Append((char)(c + FullWidthOffset));
        }
        else if (c == Delete)
        {
            output.Append(SymbolForDelete);
        }
        else if (c is >= '\u0001' and <= '\u001F')
        {
            output.Append((char)(SymbolForNull + c));
        }
        else
        {
            output.Append(c);
        }
    }

    private static void DecodeBody(ReadOnlySpan<char> body, StringBuilder output)
    {
        var i = 0;
        while (i < body.Length)
        {
            var c = body[i];
            if (c != Quote)
            {
                output.Append(DecodeChar(c));
                i++;
                continue;
            }

            if (i + 1 < body.Length && IsQuotable(body[i + 1]))
            {
                output.Append(body[i + 1]);
                i += 2;
            }
            else if (TryReadEscapedByte(body, i, out _))
            {
                i = DecodeEscapedBytes(body, i, output);
            }
            else
            {
                // A quote that quotes nothing is kept, as rclone does.
                output.Append(Quote);
                i++;
            }
        }
    }

    private static char DecodeChar(char c)
    {
        if (c == SymbolForNull)
        {
            return '\0';
        }

        if (c == SymbolForDelete)
        {
            return Delete;
        }

        if (IsSymbolForControl(c))
        {
            return (char)(c - SymbolForNull);
        }

        return IsFullWidthOfReserved(c) ? (char)(c - FullWidthOffset) : c;
    }

    /// <summary>Decodes a run of <c>‛XX</c> escapes starting at <paramref name="start"/>; returns the index after it.</summary>
    private static int DecodeEscapedBytes(ReadOnlySpan<char> body, int start, StringBuilder output)
    {
        var bytes = new List<byte>();
        var i = start;
        while (TryReadEscapedByte(body, i, out var value))
        {
            bytes.Add(value);
            i += 3;
        }

        ReadOnlySpan<byte> span = bytes.ToArray();
        var j = 0;
        while (j < span.Length)
        {
            if (TryDecodeSurrogate(span[j..], out var surrogate))
            {
                output.Append(surrogate);
                j += 3;
            }
            else if (Rune.DecodeFromUtf8(span[j..], out var rune, out var consumed) == System.Buffers.OperationStatus.Done)
            {
                output.Append(rune.ToString());
                j += consumed;
            }
            else
            {
                // Not a character: no string can hold this byte, so its escape stays as text.
                output.Append(Quote).Append(span[j].ToString("X2", CultureInfo.InvariantCulture));
                j++;
            }
        }

        return i;
    }

    private static bool TryReadEscapedByte(ReadOnlySpan<char> body, int index, out byte value)
    {
        value = 0;
        return index + 2 < body.Length
            && body[index] == Quote
            && char.IsAsciiHexDigit(body[index + 1])
            && char.IsAsciiHexDigit(body[index + 2])
            && byte.TryParse(body.Slice(index + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
    }

    private static void AppendWtf8Escape(StringBuilder output, char surrogate)
    {
        Span<byte> bytes =
        [
            (byte)(0xE0 | (surrogate >> 12)),
            (byte)(0x80 | ((surrogate >> 6) & 0x3F)),
            (byte)(0x80 | (surrogate & 0x3F)),
        ];
        foreach (var b in bytes)
        {
            output.Append(Quote).Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
    }

    private static bool TryDecodeSurrogate(ReadOnlySpan<byte> bytes, out char surrogate)
    {
        surrogate = '\0';
        if (bytes.Length < 3 || bytes[0] != 0xED || bytes[1] is < 0xA0 or > 0xBF || bytes[2] is < 0x80 or > 0xBF)
        {
            return false;
        }

        surrogate = (char)(0xD000 | ((bytes[1] & 0x3F) << 6) | (bytes[2] & 0x3F));
        return true;
    }

    private static bool IsQuotable(char c) =>
        c is Quote or SymbolForNull or SymbolForDelete || IsSymbolForControl(c) || IsFullWidthOfReserved(c);

    private static bool IsReservedAscii(char c) => c is '/' or '<' or '>' or '"' or '\'' or '`' or '$' or '\\';

    private static bool IsFullWidthOfReserved(char c) => c > FullWidthOffset && IsReservedAscii((char)(c - FullWidthOffset));

    private static bool IsSymbolForControl(char c) => c is > SymbolForNull and <= '\u241F';
}
