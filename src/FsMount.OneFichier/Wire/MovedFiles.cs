using System.Text.Json.Serialization;

namespace FsMount.OneFichier.Wire;

/// <summary>Answer of <c>file/mv.cgi</c>.</summary>
public sealed record MovedFiles(
    [property: JsonConverter(typeof(LenientInt64Converter))] long Moved,
    IReadOnlyList<string>? Urls,
    string? Filename);
