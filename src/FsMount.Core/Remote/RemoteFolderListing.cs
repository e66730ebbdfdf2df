namespace FsMount.Core.Remote;

/// <summary>
/// One folder's content, sub-folders and files together, as one call returns it. Several files may
/// share a name.
/// </summary>
public sealed record RemoteFolderListing(
    long FolderId,
    string Name,
    IReadOnlyList<RemoteFolder> Folders,
    IReadOnlyList<RemoteFile> Files);
