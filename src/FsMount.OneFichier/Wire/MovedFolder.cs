namespace FsMount.OneFichier.Wire;

/// <summary>Answer of <c>folder/mv.cgi</c>.</summary>
public sealed record MovedFolder(
    string? OldName,
    string? NewName);
