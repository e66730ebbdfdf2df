namespace FsMount.OneFichier.Wire;

/// <summary>Body of <c>file/rename.cgi</c>.</summary>
internal sealed record FileRenameRequest(
    IReadOnlyList<FileRenameItem> Urls);
