using System.Text.Json.Serialization;

namespace FsMount.OneFichier.Wire;

/// <summary>A sub-folder in a listing.</summary>
public sealed record SubFolder(
    [property: JsonConverter(typeof(LenientInt64Converter))] long Id,
    string Name,
    [property: JsonConverter(typeof(ParisDateTimeConverter))] DateTimeOffset CreateDate,
    [property: JsonConverter(typeof(LenientInt64Converter))] long Pass);
