using System.Globalization;
using System.Text.RegularExpressions;

namespace FsMount.Emulator.Hosting;

/// <summary>Parses the human forms of command-line values: <c>50ms</c>, <c>10s</c>, <c>200Mbit</c>, <c>10MiB</c> (the emulator's options and the <c>fsmount</c> command's).</summary>
public static partial class OptionValues
{
    public static TimeSpan Duration(string key, string text)
    {
        Match match = DurationPattern().Match(text);
        if (match.Success)
        {
            double value = double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
            return match.Groups["unit"].Value.ToUpperInvariant() switch
            {
                "MS" => TimeSpan.FromMilliseconds(value),
                "S" => TimeSpan.FromSeconds(value),
                "M" or "MIN" => TimeSpan.FromMinutes(value),
                _ => TimeSpan.FromHours(value),
            };
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out TimeSpan span) && span >= TimeSpan.Zero
            ? span
            : throw new FormatException($"--{key}: '{text}' is not a duration (e.g. 50ms, 10s, 5m, 1h)");
    }

    /// <summary>A rate in bytes per second from bits (<c>200Mbit</c>) or bytes (<c>25MB</c>, <c>10MiB</c>, <c>1000</c>).</summary>
    public static long Bandwidth(string key, string text) => Size(key, text, allowBits: true);

    public static long Size(string key, string text, bool allowBits = false)
    {
        Match match = SizePattern().Match(text);
        if (!match.Success)
        {
            throw new FormatException($"--{key}: '{text}' is not a size (e.g. 1000, 25MB, 10MiB{(allowBits ? ", 200Mbit" : string.Empty)})");
        }

        double value = double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
        string unit = match.Groups["unit"].Value.ToUpperInvariant();
        bool bits = unit.EndsWith("BIT", StringComparison.Ordinal);
        if (bits && !allowBits)
        {
            throw new FormatException($"--{key}: give a size in bytes, not bits");
        }

        int power = unit.Length == 0 ? 0 : "KMGT".IndexOf(unit[0], StringComparison.Ordinal) + 1;
        double scale = unit.Contains('I', StringComparison.Ordinal) && !bits ? 1024 : 1000;
        double multiplier = Math.Pow(scale, power);
        return (long)(value * multiplier / (bits ? 8 : 1));
    }

    public static double Probability(string key, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value is >= 0 and <= 1
            ? value
            : throw new FormatException($"--{key}: '{text}' is not a probability between 0 and 1");

    public static double PositiveNumber(string key, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value > 0
            ? value
            : throw new FormatException($"--{key}: '{text}' is not a positive number");

    public static int PositiveWholeNumber(string key, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value > 0
            ? value
            : throw new FormatException($"--{key}: '{text}' is not a positive integer");

    public static int WholeNumber(string key, string text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new FormatException($"--{key}: '{text}' is not an integer");

    /// <summary>A comma-separated list (<c>folder/mkdir.cgi,upload.cgi</c>); what the names mean is the option's to check.</summary>
    public static string[] List(string key, string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static int OneOf(string key, string text, params int[] allowed) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && allowed.Contains(value)
            ? value
            : throw new FormatException($"--{key}: '{text}' is not one of {string.Join('|', allowed)}");

    public static bool Boolean(string key, string text) => text.ToUpperInvariant() switch
    {
        "TRUE" or "YES" or "ON" or "1" => true,
        "FALSE" or "NO" or "OFF" or "0" => false,
        _ => throw new FormatException($"--{key}: '{text}' is not true or false"),
    };

    public static TEnum Choice<TEnum>(string key, string text)
        where TEnum : struct, Enum =>
        Enum.TryParse(text, ignoreCase: true, out TEnum value) && Enum.IsDefined(value) && !char.IsAsciiDigit(text[0])
            ? value
            : throw new FormatException($"--{key}: '{text}' is not one of {string.Join('|', Enum.GetNames<TEnum>()).ToLowerInvariant()}");

    [GeneratedRegex(@"^(?<value>\d+(\.\d+)?)\s*(?<unit>ms|s|m|min|h)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();

    [GeneratedRegex(@"^(?<value>\d+(\.\d+)?)\s*(?<unit>([kmgt]i?)?b?|[kmgt]?bit)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SizePattern();
}
