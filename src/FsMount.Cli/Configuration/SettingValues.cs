using System.Globalization;
using FsMount.Emulator.Hosting;
using Microsoft.Extensions.Logging;

namespace FsMount.Cli.Configuration;

/// <summary>
/// Parses settings in the form a user types them, from any source (<c>2G</c>, <c>5m</c>, <c>022</c>);
/// a bad value throws a <see cref="FormatException"/> whose message says what was expected, for
/// <see cref="ResolvedSettings.Parse{T}"/> to prefix with the setting's name and source.
/// </summary>
internal static class SettingValues
{
    public static long Size(string text) =>
        Reparse(() => OptionValues.Size("size", text), $"'{text}' is not a size (e.g. 500MB, 2G, 10GiB; 0 for none)");

    public static TimeSpan Duration(string text) =>
        Reparse(() => OptionValues.Duration("duration", text), $"'{text}' is not a duration (e.g. 5s, 10m, 1h)");

    public static bool Boolean(string text) =>
        Reparse(() => OptionValues.Boolean("boolean", text), $"'{text}' is not true or false");

    public static uint Id(string text) =>
        uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new FormatException($"'{text}' is not a numeric user or group id (e.g. 1000)");

    public static uint Octal(string text)
    {
        try
        {
            var bits = Convert.ToUInt32(text, 8);
            if (bits <= 0x1FF)
            {
                return bits;
            }
        }
        catch (Exception failure) when (failure is FormatException or OverflowException or ArgumentException)
        {
            // Reported below, as for a value out of range.
        }

        throw new FormatException($"'{text}' is not octal permission bits from 0 to 777 (e.g. 022 or 077)");
    }

    public static Uri HttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)
            ? url
            : throw new FormatException($"'{text}' is not an absolute http(s) URL such as https://api.1fichier.com/v1");

    public static LogLevel Level(string text) =>
        Reparse(() => OptionValues.Choice<LogLevel>("level", text), $"'{text}' is not one of trace|debug|information|warning|error|critical|none");

    public static string Path(string text) =>
        text.Length > 0 ? System.IO.Path.GetFullPath(ConfigFolder.ExpandHome(text)) : throw new FormatException("an empty path; give a file or folder");

    // The command line's parsers, whose messages name a command-line option: here the setting is named by its source.
    private static T Reparse<T>(Func<T> parse, string message)
    {
        try
        {
            return parse();
        }
        catch (FormatException failure)
        {
            throw new FormatException(message, failure);
        }
    }
}
