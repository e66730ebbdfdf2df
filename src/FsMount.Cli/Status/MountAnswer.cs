namespace FsMount.Cli.Status;

/// <summary>The one line a mount answers: the field of the kind asked for, or an error saying what was wrong with the request.</summary>
internal sealed record MountAnswer(
    StatusSnapshot? Status,
    string? Error,
    AccountAbout? About = null,
    RemoteUploadState? RemoteUpload = null,
    IReadOnlyList<PathLink>? Links = null);
