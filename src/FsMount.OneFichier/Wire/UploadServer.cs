namespace FsMount.OneFichier.Wire;

/// <summary>Answer of <c>upload/get_upload_server.cgi</c>: a bare host[:port] and a 10-character id.</summary>
public sealed record UploadServer(
    string Url,
    string Id);
