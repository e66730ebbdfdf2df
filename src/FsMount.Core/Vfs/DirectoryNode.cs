namespace FsMount.Core.Vfs;

/// <summary>A remote folder. Its entries live in the namespace's <see cref="Metadata.DirectoryContents"/> for <see cref="FolderId"/>.</summary>
internal sealed class DirectoryNode : Node
{
    public DirectoryNode(ulong id, DirectoryNode? parent, string name, long folderId, DateTimeOffset created)
        : base(id, EntryKey.ForFolder(folderId), parent, name)
    {
        FolderId = folderId;
        Created = created;
    }

    public long FolderId { get; }

    public DateTimeOffset Created { get; set; }

    public DateTimeOffset LastWriteTime => Kept?.LastWriteTime ?? Created;
}
