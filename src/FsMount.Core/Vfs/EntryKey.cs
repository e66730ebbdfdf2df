using System.Globalization;

namespace FsMount.Core.Vfs;

/// <summary>
/// What a directory entry is bound to: a remote folder (by id), a remote file (by its
/// <see cref="Remote.RemoteFile.Id"/>) or a staged file that has no remote id yet. A node's key can
/// change (an overwrite's upload gives a new id) while the node keeps its own id.
/// </summary>
internal readonly record struct EntryKey(EntryKind Kind, long FolderId, string? Id)
{
    public static EntryKey ForFolder(long folderId) => new(EntryKind.Folder, folderId, null);

    public static EntryKey ForFile(string fileId) => new(EntryKind.File, 0, fileId);

    public static EntryKey ForStaged(string stagedId) => new(EntryKind.Staged, 0, stagedId);

    public override string ToString() => Kind == EntryKind.Folder
        ? "folder " + FolderId.ToString(CultureInfo.InvariantCulture)
        : $"{Kind.ToString().ToLowerInvariant()} {Id}";
}
