using System.Text.Json.Serialization;

namespace FsMount.OneFichier.Wire;

/// <summary>
/// One remote upload as <c>remote/ls.cgi</c> lists it. <see cref="ExecutionDate"/> stays at the epoch
/// (<c>1970-01-01</c>) until the service has tried every URL.
/// </summary>
public sealed record RemoteUploadSummary(
    [property: JsonConverter(typeof(LenientInt64Converter))] long Id,
    [property: JsonConverter(typeof(ParisDateTimeConverter))] DateTimeOffset Date,
    [property: JsonConverter(typeof(ParisDateTimeConverter))] DateTimeOffset ExecutionDate,
    [property: JsonConverter(typeof(LenientInt64Converter))] long NbUrls)
{
    public bool IsExecuted => ExecutionDate > DateTimeOffset.UnixEpoch;
}
