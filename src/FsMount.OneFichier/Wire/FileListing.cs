using System.Text.Json.Serialization;

namespace FsMount.OneFichier.Wire;

/// <summary>Answer of <c>file/ls.cgi</c>.</summary>
public sealed record FileListing(
    [property: JsonConverter(typeof(LenientInt64Converter))] long Count,
    IReadOnlyList<FileItem>? Items);
