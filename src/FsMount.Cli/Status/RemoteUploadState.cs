namespace FsMount.Cli.Status;

/// <summary>How a remote upload asked through a mount goes: its id, and one result per URL once the service tried them all.</summary>
internal sealed record RemoteUploadState(long Id, IReadOnlyList<RemoteUploadUrlState>? Results);
