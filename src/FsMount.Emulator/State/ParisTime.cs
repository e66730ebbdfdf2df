using System.Globalization;

namespace FsMount.Emulator.State;

/// <summary>The service writes dates as <c>YYYY-MM-DD HH:MM:SS</c> in French local time, without a zone.</summary>
internal static class ParisTime
{
    private const string Layout = "yyyy-MM-dd HH:mm:ss";
    private static readonly TimeZoneInfo s_zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public static string Format(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, s_zone).ToString(Layout, CultureInfo.InvariantCulture);

    public static DateTimeOffset? Parse(string? text)
    {
        if (!DateTime.TryParseExact(text, Layout, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime local))
        {
            return null;
        }

        return new DateTimeOffset(local, s_zone.GetUtcOffset(local));
    }
}
