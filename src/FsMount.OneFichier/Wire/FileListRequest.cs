namespace FsMount.OneFichier.Wire;

/// <summary>Body of <c>file/ls.cgi</c>.</summary>
internal sealed record FileListRequest(
    long FolderId);
