namespace FsMount.WinFsp;

/// <summary>The bits of the callbacks' flag arguments that FsMount reads (ntifs.h, winnt.h, winfsp.h).</summary>
internal static class WinFspFlags
{
    /// <summary>CreateOptions FILE_DIRECTORY_FILE: create a directory.</summary>
    public const uint DirectoryFile = 0x00000001;

    /// <summary>CreateOptions FILE_DELETE_ON_CLOSE: delete at the last close (no CanDelete call comes first).</summary>
    public const uint DeleteOnClose = 0x00001000;

    /// <summary>GrantedAccess FILE_WRITE_DATA and FILE_APPEND_DATA: the open may change the bytes.</summary>
    public const uint WriteAccess = 0x00000002 | 0x00000004;

    /// <summary>Cleanup FspCleanupDelete: the file or directory is deleted now.</summary>
    public const uint CleanupDelete = 0x01;
}
