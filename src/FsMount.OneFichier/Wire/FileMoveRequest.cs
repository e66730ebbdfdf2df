namespace FsMount.OneFichier.Wire;

/// <summary>Body of <c>file/mv.cgi</c>; <c>rename</c> (one URL only) is encoded.</summary>
internal sealed record FileMoveRequest(
    IReadOnlyList<string> Urls,
    long DestinationFolderId,
    string? Rename);
