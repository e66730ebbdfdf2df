using FsMount.Core.Remote;
using FsMount.Core.Staging;

namespace FsMount.Core.Vfs;

/// <summary>
/// A file: bound to a remote file (<see cref="Remote"/>), to a staged copy that is newer than it or
/// has no remote counterpart yet (<see cref="Staged"/>), or to both while an overwrite waits for
/// its upload. Reads and attributes come from the staged copy whenever there is one.
/// </summary>
internal sealed class FileNode : Node
{
    public FileNode(ulong id, EntryKey key, DirectoryNode parent, string name, RemoteFile? remote, StagedFile? staged)
        : base(id, key, parent, name)
    {
        Remote = remote;
        Staged = staged;
    }

    public RemoteFile? Remote { get; set; }

    public StagedFile? Staged { get; set; }

    /// <summary>
    /// The remote content the kernel may hold pages of: the one the last read-only open read. Null
    /// after an open of staged bytes, which may change under the kernel's pages.
    /// </summary>
    public RemoteFile? KernelCached { get; set; }

    public long Size => Staged?.Size ?? (Remote is { } remote ? EmptyFilePlaceholder.PresentedSize(remote) : 0);

    public DateTimeOffset LastWriteTime =>
        Kept?.LastWriteTime ?? Staged?.LastWriteTime ?? Remote?.Uploaded ?? DateTimeOffset.UnixEpoch;

    public DateTimeOffset CreationTime => Remote?.Uploaded ?? Staged?.Created ?? DateTimeOffset.UnixEpoch;

    public uint? Permissions => Kept?.Permissions ?? Staged?.Permissions;
}
