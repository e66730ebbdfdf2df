namespace FsMount.OneFichier.Wire;

/// <summary>Body of <c>folder/mv.cgi</c>; <c>rename</c> is encoded and omitted when null.</summary>
internal sealed record FolderMoveRequest(
    long FolderId,
    long? DestinationFolderId,
    string? Rename,
    string DestinationUser);
