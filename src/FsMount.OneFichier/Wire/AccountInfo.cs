using System.Text.Json.Serialization;

namespace FsMount.OneFichier.Wire;

/// <summary>Answer of <c>user/info.cgi</c> (the fields a mount uses; storage in bytes).</summary>
public sealed record AccountInfo(
    string? Email,
    [property: JsonConverter(typeof(LenientInt64Converter))] long Offer,
    [property: JsonConverter(typeof(LenientInt64Converter))] long ColdStorage,
    [property: JsonConverter(typeof(LenientInt64Converter))] long AvailableColdStorage,
    [property: JsonConverter(typeof(LenientInt64Converter))] long AllowedColdStorage,
    [property: JsonConverter(typeof(LenientInt64Converter))] long HotStorage,
    [property: JsonConverter(typeof(LenientInt64Converter))] long AvailableStorage,
    [property: JsonConverter(typeof(LenientInt64Converter))] long Cdn);
