namespace FsMount.OneFichier.Wire;

/// <summary>Body of <c>download/get_token.cgi</c>.</summary>
internal sealed record DownloadTokenRequest(
    string Url,
    long Single);
