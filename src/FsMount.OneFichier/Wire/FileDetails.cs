using System.Text.Json.Serialization;

namespace FsMount.OneFichier.Wire;

/// <summary>Answer of <c>file/info.cgi</c>.</summary>
public sealed record FileDetails(
    string Url,
    string Filename,
    [property: JsonConverter(typeof(LenientInt64Converter))] long Size,
    [property: JsonConverter(typeof(ParisDateTimeConverter))] DateTimeOffset Date,
    string? Checksum,
    [property: JsonPropertyName("content-type")] string? ContentType,
    [property: JsonPropertyName("content_type")] string? ContentTypeAlternate,
    [property: JsonConverter(typeof(LenientInt64Converter))] long Pass,
    [property: JsonConverter(typeof(LenientInt64Converter))] long FolderId,
    string? Path,
    string? Description);
