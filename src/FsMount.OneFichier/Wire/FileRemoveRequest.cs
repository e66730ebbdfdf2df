namespace FsMount.OneFichier.Wire;

/// <summary>Body of <c>file/rm.cgi</c>.</summary>
internal sealed record FileRemoveRequest(
    IReadOnlyList<FileReference> Files);
