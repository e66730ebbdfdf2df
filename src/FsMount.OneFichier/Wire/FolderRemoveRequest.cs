namespace FsMount.OneFichier.Wire;

/// <summary>Body of <c>folder/rm.cgi</c>.</summary>
internal sealed record FolderRemoveRequest(
    long FolderId);
