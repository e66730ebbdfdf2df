using System.Text.Json.Serialization;

namespace FsMount.OneFichier.Wire;

/// <summary>A file as <c>file/ls.cgi</c>, <c>folder/ls.cgi</c> and <c>file/info.cgi</c> describe it.</summary>
public sealed record FileItem(
    string Url,
    string Filename,
    [property: JsonConverter(typeof(LenientInt64Converter))] long Size,
    [property: JsonConverter(typeof(ParisDateTimeConverter))] DateTimeOffset Date,
    string? Checksum,
    [property: JsonPropertyName("content-type")] string? ContentType,
    [property: JsonConverter(typeof(LenientInt64Converter))] long Pass,
    [property: JsonConverter(typeof(LenientInt64Converter))] long Cdn);
