using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FsMount.OneFichier.Wire;

/// <summary>
/// Reads a 64-bit integer written as a JSON number, a numeric string (<c>end.pl</c>'s <c>size</c>) or
/// <c>null</c> (the root folder's <c>size</c>), which reads as 0. The service is not consistent about
/// which (docs/onefichier-api.md 2.2).
/// </summary>
public sealed class LenientInt64Converter : JsonConverter<long>
{
    public override bool HandleNull => true;

    public override long Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return 0;
            case JsonTokenType.Number when reader.TryGetInt64(out var number):
                return number;
            case JsonTokenType.Number:
                return (long)reader.GetDouble();
            case JsonTokenType.String:
                var text = reader.GetString();
                if (string.IsNullOrWhiteSpace(text))
                {
                    return 0;
                }

                if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
                {
                    return parsed;
                }

                throw new JsonException($"'{text}' is not an integer.");
            case JsonTokenType.True:
                return 1;
            case JsonTokenType.False:
                return 0;
            default:
                throw new JsonException($"Expected an integer, found {reader.TokenType}.");
        }
    }

    public override void Write(Utf8JsonWriter writer, long value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(value);
    }
}
