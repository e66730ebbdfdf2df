using System.Text.Json.Serialization;

namespace FsMount.OneFichier.Wire;

/// <summary>One uploaded file of an <c>end.pl</c> report (<c>size</c> is a string there).</summary>
internal sealed record UploadReportLink(
    string Download,
    string Filename,
    string? Remove,
    [property: JsonConverter(typeof(LenientInt64Converter))] long Size,
    string? Whirlpool);
