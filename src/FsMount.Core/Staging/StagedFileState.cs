namespace FsMount.Core.Staging;

/// <summary>
/// Everything the upload journal keeps of one staged file, so that a crash at any moment loses
/// nothing and sends nothing twice. The bytes themselves are the data file named by <see cref="Id"/>.
/// </summary>
/// <param name="Id">Opaque and stable: names the data file; the remote place is in the fields below, so a rename changes one row.</param>
/// <param name="Version">Raised (and saved) before any writer may change the bytes, so an upload sent at one version is known to carry the current content or not.</param>
/// <param name="Replaces">Remote files this one supersedes (the file it overwrote, or earlier uploads of it): removed once it is uploaded.</param>
/// <param name="Unresolved">Uploads sent (or being sent) that may or may not have landed: each is looked up before anything is sent again.</param>
/// <param name="Uploaded">The upload of <see cref="UploadedVersion"/>, landed, while the steps after it (rename, removing what it replaces) are still to do.</param>
/// <param name="Deleted">The file was removed: only its remote leftovers remain to be cleaned up.</param>
internal sealed record StagedFileState(
    string Id,
    long FolderId,
    string Name,
    long Size,
    long Version,
    DateTimeOffset Created,
    DateTimeOffset LastWriteTime,
    DateTimeOffset? LastAccessTime,
    uint? Permissions,
    IReadOnlyList<PlacedFile> Replaces,
    IReadOnlyList<PendingUpload> Unresolved,
    PlacedFile? Uploaded,
    long UploadedVersion,
    bool Deleted);
