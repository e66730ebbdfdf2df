using System.Text.Json.Serialization;

namespace FsMount.OneFichier.Wire;

/// <summary>Answer of <c>file/rename.cgi</c>.</summary>
public sealed record RenamedFiles(
    [property: JsonConverter(typeof(LenientInt64Converter))] long Renamed,
    IReadOnlyList<RenamedFile>? Urls);
