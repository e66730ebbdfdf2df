namespace FsMount.WinFsp.Native;

/// <summary>The order of the operations in FSP_FILE_SYSTEM_INTERFACE (winfsp.h); the slots FsMount fills, and the ones it leaves null on purpose.</summary>
internal enum InterfaceSlot
{
    GetVolumeInfo = 0,
    SetVolumeLabel = 1,
    GetSecurityByName = 2,
    Create = 3,
    Open = 4,
    Overwrite = 5,
    Cleanup = 6,
    Close = 7,
    Read = 8,
    Write = 9,
    Flush = 10,
    GetFileInfo = 11,
    SetBasicInfo = 12,
    SetFileSize = 13,
    CanDelete = 14,
    Rename = 15,
    GetSecurity = 16,
    SetSecurity = 17,
    ReadDirectory = 18,
    ResolveReparsePoints = 19,
    GetStreamInfo = 23,
    GetDirInfoByName = 24,
    SetDelete = 26,
    CreateEx = 27,
    OverwriteEx = 28,
    DispatcherStopped = 32,
}
