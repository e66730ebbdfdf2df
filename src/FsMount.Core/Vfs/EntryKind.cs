namespace FsMount.Core.Vfs;

/// <summary>The three things a directory entry can be bound to.</summary>
internal enum EntryKind
{
    Folder,
    File,
    Staged,
}
