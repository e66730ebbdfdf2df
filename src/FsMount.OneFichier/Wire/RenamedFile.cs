namespace FsMount.OneFichier.Wire;

/// <summary>One entry of a <c>file/rename.cgi</c> answer.</summary>
public sealed record RenamedFile(
    string Url,
    string? OldFilename,
    string? NewFilename);
