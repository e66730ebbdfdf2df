namespace FsMount.Fuse.Transport;

/// <summary>One line of the mount table: the device (<c>major:minor</c>) and the file system type (<c>fuse.fsmount</c>, <c>ext4</c>...).</summary>
internal sealed record MountEntry(string Device, string FileSystemType);
