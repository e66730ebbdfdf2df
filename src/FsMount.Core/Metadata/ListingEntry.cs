using FsMount.Core.Remote;
using FsMount.Core.Staging;
using FsMount.Core.Vfs;

namespace FsMount.Core.Metadata;

/// <summary>
/// One entry of a folder before names are presented: a remote sub-folder, a remote file, or a staged
/// file, with its name as the remote knows it (or will know it, once uploaded).
/// </summary>
internal sealed record ListingEntry
{
    private ListingEntry(EntryKey key, string remoteName, RemoteFolder? folder, RemoteFile? file, StagedFile? staged)
    {
        Key = key;
        RemoteName = remoteName;
        Folder = folder;
        File = file;
        Staged = staged;
    }

    public EntryKey Key { get; }

    public string RemoteName { get; }

    public RemoteFolder? Folder { get; }

    public RemoteFile? File { get; }

    public StagedFile? Staged { get; }

    public bool IsDirectory => Folder is not null;

    public static ListingEntry ForFolder(RemoteFolder folder) => new(EntryKey.ForFolder(folder.Id), folder.Name, folder, null, null);

    public static ListingEntry ForFile(RemoteFile file) => new(EntryKey.ForFile(file.Id), file.Name, null, file, null);

    public static ListingEntry ForStaged(StagedFile staged, string name) => new(EntryKey.ForStaged(staged.Id), name, null, null, staged);
}
