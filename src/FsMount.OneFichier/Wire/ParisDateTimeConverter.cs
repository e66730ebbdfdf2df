using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FsMount.OneFichier.Wire;

/// <summary>
/// Reads and writes the service's <c>YYYY-MM-DD HH:MM:SS</c> times, which are French local time
/// (docs/onefichier-api.md section 9), with the Europe/Paris rules including summer time. A time in the
/// autumn's repeated hour reads as its first (summer) occurrence; a time in the spring gap, which the
/// service cannot produce, reads with the winter offset. Null or empty reads as
/// <see cref="DateTimeOffset.MinValue"/>.
/// </summary>
public sealed class ParisDateTimeConverter : JsonConverter<DateTimeOffset>
{
    private const string Format = "yyyy-MM-dd HH:mm:ss";

    private static readonly TimeZoneInfo s_paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public override bool HandleNull => true;

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.Null ? null : reader.GetString();
        if (string.IsNullOrEmpty(text))
        {
            return DateTimeOffset.MinValue;
        }

        if (!DateTime.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            throw new JsonException($"'{text}' is not a {Format} time.");
        }

        return FromParis(local);
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var paris = ToParis(value);
        writer.WriteStringValue(paris.ToString(Format, CultureInfo.InvariantCulture));
    }

    /// <summary>The same instant with the offset Paris had then, as the service would write it.</summary>
    internal static DateTimeOffset ToParis(DateTimeOffset value) => TimeZoneInfo.ConvertTime(value, s_paris);

    internal static DateTimeOffset FromParis(DateTime local)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        TimeSpan offset;
        if (s_paris.IsAmbiguousTime(local))
        {
            offset = s_paris.GetAmbiguousTimeOffsets(local).Max();
        }
        else if (s_paris.IsInvalidTime(local))
        {
            offset = s_paris.BaseUtcOffset;
        }
        else
        {
            offset = s_paris.GetUtcOffset(local);
        }

        return new DateTimeOffset(local, offset);
    }
}
