namespace FsMount.Cli.Status;

/// <summary>What became of one URL of a remote upload: the stored file's link, or the service's reason.</summary>
internal sealed record RemoteUploadUrlState(string Url, string? Link, string? Problem);
