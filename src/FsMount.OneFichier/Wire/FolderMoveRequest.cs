namespace FsMount.OneFichier.Wire;

/// <summary>Body of <c>folder/mv.cgi</c>; <c>rename</c> is encoded and omitted when null; the destination is always written, 0 included.</summary>
internal sealed record FolderMoveRequest(
    long FolderId,
    long DestinationFolderId,
    string? Rename,
    string DestinationUser);
