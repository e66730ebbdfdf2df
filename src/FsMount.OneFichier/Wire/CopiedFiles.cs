using System.Text.Json.Serialization;

namespace FsMount.OneFichier.Wire;

/// <summary>Answer of <c>file/cp.cgi</c>.</summary>
public sealed record CopiedFiles(
    [property: JsonConverter(typeof(LenientInt64Converter))] long Copied,
    IReadOnlyList<CopiedFile>? Urls,
    string? Filename);
