using FsMount.Core.Remote;

namespace FsMount.Core.Metadata;

/// <summary>
/// One name a directory shows: a sub-folder or a file, under the name the mount presents (which
/// differs from the remote name when several entries share one, see <see cref="Names.DuplicateNames"/>).
/// </summary>
internal sealed record ListingEntry
{
    private ListingEntry(string name, RemoteFolder? folder, RemoteFile? file)
    {
        Name = name;
        Folder = folder;
        File = file;
    }

    public string Name { get; init; }

    public RemoteFolder? Folder { get; }

    public RemoteFile? File { get; }

    public static ListingEntry ForFolder(string name, RemoteFolder folder) => new(name, folder, null);

    public static ListingEntry ForFile(string name, RemoteFile file) => new(name, null, file);
}
