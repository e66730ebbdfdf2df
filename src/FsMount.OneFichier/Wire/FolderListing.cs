using System.Text.Json.Serialization;

namespace FsMount.OneFichier.Wire;

/// <summary>Answer of <c>folder/ls.cgi</c> with <c>files=1</c>. Names returned by the client are decoded.</summary>
public sealed record FolderListing(
    [property: JsonConverter(typeof(LenientInt64Converter))] long FolderId,
    string? Name,
    [property: JsonConverter(typeof(LenientInt64Converter))] long Size,
    IReadOnlyList<SubFolder>? SubFolders,
    IReadOnlyList<FileItem>? Items);
