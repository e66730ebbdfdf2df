using FsMount.Core.Vfs;
using FsMount.WinFsp.Native;

namespace FsMount.WinFsp;

/// <summary>Describes a node to Windows: attributes, sizes (allocation rounded to the allocation unit), FILETIME times, the node id as the file index.</summary>
internal sealed class FileInfoEncoder
{
    /// <summary>The volume's sector size times sectors per allocation unit.</summary>
    public const uint AllocationUnit = 4096;

    private const uint WriteBits = 0x92; // 0222

    private readonly FileAttributes _fileAttributes;

    /// <param name="filesOffline">
    /// Mark files offline: Explorer then neither reads them for thumbnails nor previews them, which on
    /// a network drive would download part of every file in a folder it shows.
    /// </param>
    public FileInfoEncoder(bool filesOffline)
    {
        _fileAttributes = filesOffline ? FileAttributes.Archive | FileAttributes.Offline : FileAttributes.Archive;
    }

    public FspFileInfo Encode(NodeAttributes attributes)
    {
        var fileAttributes = attributes.IsDirectory ? FileAttributes.Directory
            : (attributes.Permissions & WriteBits) == 0 ? _fileAttributes | FileAttributes.ReadOnly
            : _fileAttributes;
        var size = (ulong)Math.Max(attributes.Size, 0);
        var written = FileTime(attributes.LastWriteTime);
        return new FspFileInfo
        {
            FileAttributes = (uint)fileAttributes,
            AllocationSize = (size + AllocationUnit - 1) / AllocationUnit * AllocationUnit,
            FileSize = size,
            CreationTime = FileTime(attributes.CreationTime),
            LastAccessTime = FileTime(attributes.LastAccessTime),
            LastWriteTime = written,
            ChangeTime = written,
            IndexNumber = attributes.NodeId,
        };
    }

    /// <summary>A time Windows sets; 0 means "leave it as it is".</summary>
    public static DateTimeOffset? TimeOf(ulong fileTime) =>
        fileTime == 0 ? null : new DateTimeOffset(DateTime.FromFileTimeUtc((long)fileTime));

    public static ulong FileTime(DateTimeOffset time) => (ulong)time.ToFileTime();
}
