namespace FsMount.OneFichier.Wire;

/// <summary>Answer of <c>download/get_token.cgi</c>: a short-lived download URL.</summary>
public sealed record DownloadToken(
    string? Url);
