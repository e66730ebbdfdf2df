namespace FsMount.OneFichier.Wire;

/// <summary>One file of a <c>file/rm.cgi</c> body.</summary>
internal sealed record FileReference(
    string Url);
