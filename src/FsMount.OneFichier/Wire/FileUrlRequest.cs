namespace FsMount.OneFichier.Wire;

/// <summary>Body of the calls that take one file URL (<c>file/info.cgi</c>).</summary>
internal sealed record FileUrlRequest(
    string Url);
