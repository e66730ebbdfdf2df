namespace FsMount.OneFichier.Wire;

/// <summary>Answer of <c>remote/ls.cgi</c>: the account's remote uploads, in <c>data</c>.</summary>
public sealed record RemoteUploadList(
    IReadOnlyList<RemoteUploadSummary>? Data);
