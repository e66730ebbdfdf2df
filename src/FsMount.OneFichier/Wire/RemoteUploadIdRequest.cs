namespace FsMount.OneFichier.Wire;

/// <summary>Body of <c>remote/info.cgi</c>: which remote upload.</summary>
internal sealed record RemoteUploadIdRequest(
    long Id);
