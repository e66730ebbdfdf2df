using System.Text.Json.Serialization;

namespace FsMount.OneFichier.Wire;

/// <summary>Answer of <c>folder/mkdir.cgi</c>.</summary>
public sealed record CreatedFolder(
    [property: JsonConverter(typeof(LenientInt64Converter))] long FolderId,
    string Name);
