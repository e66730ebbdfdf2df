using FsMount.Core.Metadata;
using FsMount.Core.Remote;

namespace FsMount.Core.Vfs;

/// <summary>A remote file. The service keeps one time per file, its upload time, which serves as both times.</summary>
internal sealed class FileNode : Node
{
    public FileNode(ulong id, DirectoryNode parent, RemoteFile file)
        : base(id, parent)
    {
        File = file;
    }

    public RemoteFile File { get; private set; }

    public override NodeKey Key => NodeKey.ForFile(File.Id);

    public override NodeAttributes Attributes
    {
        get
        {
            var file = File;
            return new(Id, IsDirectory: false, file.Size, file.Uploaded, file.Uploaded);
        }
    }

    protected override void UpdateRemoteState(ListingEntry entry) => File = entry.File!;
}
