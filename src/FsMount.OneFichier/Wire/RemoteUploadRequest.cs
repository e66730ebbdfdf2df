namespace FsMount.OneFichier.Wire;

/// <summary>Body of <c>remote/request.cgi</c>: the URLs the service fetches into a folder.</summary>
internal sealed record RemoteUploadRequest(
    IReadOnlyList<string> Urls,
    long FolderId);
