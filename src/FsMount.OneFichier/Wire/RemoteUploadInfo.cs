namespace FsMount.OneFichier.Wire;

/// <summary>Answer of <c>remote/info.cgi</c>: one entry per URL in <c>result</c> once the upload was executed, none before.</summary>
public sealed record RemoteUploadInfo(
    IReadOnlyList<RemoteUploadUrlResult>? Result);
