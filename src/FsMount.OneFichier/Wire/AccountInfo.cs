using System.Text.Json.Serialization;

namespace FsMount.OneFichier.Wire;

/// <summary>
/// Answer of <c>user/info.cgi</c> (the fields a mount uses; storage in bytes). The service sends some numbers as
/// strings (<c>offer</c>, <c>cdn</c>), so every number reads from either; <c>subscription_end</c> is a Paris time
/// (<see cref="DateTimeOffset.MinValue"/> when absent or empty, as for an account without a subscription).
/// </summary>
public sealed record AccountInfo(
    string? Email,
    [property: JsonConverter(typeof(ParisDateTimeConverter))] DateTimeOffset SubscriptionEnd,
    [property: JsonConverter(typeof(LenientInt64Converter))] long Offer,
    [property: JsonConverter(typeof(LenientInt64Converter))] long ColdStorage,
    [property: JsonConverter(typeof(LenientInt64Converter))] long AvailableColdStorage,
    [property: JsonConverter(typeof(LenientInt64Converter))] long AllowedColdStorage,
    [property: JsonConverter(typeof(LenientInt64Converter))] long HotStorage,
    [property: JsonConverter(typeof(LenientInt64Converter))] long AvailableStorage,
    [property: JsonConverter(typeof(LenientInt64Converter))] long Cdn);
