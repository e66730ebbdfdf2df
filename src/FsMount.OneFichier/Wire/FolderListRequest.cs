namespace FsMount.OneFichier.Wire;

/// <summary>Body of <c>folder/ls.cgi</c>.</summary>
internal sealed record FolderListRequest(
    long FolderId,
    long Files);
