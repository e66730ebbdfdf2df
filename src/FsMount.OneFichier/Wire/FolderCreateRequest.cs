namespace FsMount.OneFichier.Wire;

/// <summary>Body of <c>folder/mkdir.cgi</c>; the name is encoded.</summary>
internal sealed record FolderCreateRequest(
    string Name,
    long FolderId);
