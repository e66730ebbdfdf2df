namespace FsMount.OneFichier.Wire;

/// <summary>One entry of a <c>file/cp.cgi</c> answer: the copy has a new URL.</summary>
public sealed record CopiedFile(
    string FromUrl,
    string ToUrl);
