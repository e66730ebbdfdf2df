using System.Text.Json.Serialization;

namespace FsMount.OneFichier.Wire;

/// <summary>Answer of <c>end.pl</c> with header <c>JSON: 1</c>.</summary>
internal sealed record UploadReport(
    [property: JsonConverter(typeof(LenientInt64Converter))] long Incoming,
    IReadOnlyList<UploadReportLink>? Links);
