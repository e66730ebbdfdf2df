namespace FsMount.OneFichier.Wire;

/// <summary>Body of <c>file/cp.cgi</c> (the destination key is <c>folder_id</c> here).</summary>
internal sealed record FileCopyRequest(
    IReadOnlyList<string> Urls,
    long FolderId,
    string? Rename);
