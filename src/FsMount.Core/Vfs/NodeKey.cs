namespace FsMount.Core.Vfs;

/// <summary>The remote identity of a node: a folder id, or a file's <see cref="Remote.RemoteFile.Id"/>.</summary>
internal readonly record struct NodeKey(long FolderId, string? FileId)
{
    public static NodeKey ForFolder(long folderId) => new(folderId, null);

    public static NodeKey ForFile(string fileId) => new(0, fileId);
}
