namespace FsMount.Core.Remote;

/// <summary>A folder's move and/or rename, from where and what it is now to where and what it becomes.</summary>
public sealed record RemoteFolderMove(long FolderId, long FromParentId, string FromName, long ToParentId, string ToName);
