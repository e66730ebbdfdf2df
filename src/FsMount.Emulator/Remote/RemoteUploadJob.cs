namespace FsMount.Emulator.Remote;

/// <summary>
/// One <c>remote/request.cgi</c>: the URLs to fetch into a folder, and once every one was tried
/// (<see cref="Executed"/>), one result per URL in the same order.
/// </summary>
internal sealed record RemoteUploadJob(
    long Id,
    long FolderId,
    IReadOnlyList<Uri> Urls,
    DateTimeOffset Requested,
    DateTimeOffset? Executed,
    IReadOnlyList<RemoteUploadResult> Results);
