using FsMount.Core.Remote;

namespace FsMount.Core.Staging;

/// <summary>A remote file and the folder it is in.</summary>
internal sealed record PlacedFile(RemoteFile File, long FolderId);
