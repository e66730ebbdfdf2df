using FsMount.Core.Metadata;

namespace FsMount.Core.Vfs;

/// <summary>A remote folder. Its entries live in the <see cref="MetadataCache"/>, keyed by <see cref="FolderId"/>.</summary>
internal sealed class DirectoryNode : Node
{
    private DateTimeOffset _created;

    public DirectoryNode(ulong id, DirectoryNode? parent, long folderId, DateTimeOffset created)
        : base(id, parent)
    {
        FolderId = folderId;
        _created = created;
    }

    public long FolderId { get; }

    public override NodeKey Key => NodeKey.ForFolder(FolderId);

    public override NodeAttributes Attributes => new(Id, IsDirectory: true, Size: 0, _created, _created);

    protected override void UpdateRemoteState(ListingEntry entry) => _created = entry.Folder!.Created;
}
