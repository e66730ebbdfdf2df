namespace FsMount.Core.Remote;

/// <summary>
/// A file as a listing reports it. <see cref="Id"/> is the service's stable identity of the file
/// (for 1fichier, its URL), opaque to the core; <see cref="ShortId"/> is a short form of it that is
/// safe inside a file name and unique in the account (for 1fichier, the URL's query), used to tell
/// apart files that share a name. <see cref="Name"/> is already decoded; <see cref="Uploaded"/> is
/// the only time the service keeps.
/// </summary>
public sealed record RemoteFile(
    string Id,
    string ShortId,
    string Name,
    long Size,
    DateTimeOffset Uploaded,
    string? Checksum,
    string? ContentType);
