namespace FsMount.Cli.Status;

/// <summary>
/// The one line a mount answers: the field of the kind asked for, or an error saying what was wrong with the
/// request (<see cref="OtherAccount"/> when the request was about an account this mount is not of).
/// </summary>
internal sealed record MountAnswer(
    StatusSnapshot? Status,
    string? Error,
    AccountAbout? About = null,
    RemoteUploadState? RemoteUpload = null,
    IReadOnlyList<PathLink>? Links = null,
    bool OtherAccount = false);
