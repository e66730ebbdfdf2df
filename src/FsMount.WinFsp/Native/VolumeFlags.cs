namespace FsMount.WinFsp.Native;

/// <summary>The bit fields of FSP_FSCTL_VOLUME_PARAMS after FileInfoTimeout (fsctl.h, least significant bit first); only those FsMount sets or checks.</summary>
[Flags]
internal enum VolumeFlags : uint
{
    None = 0,
    CaseSensitiveSearch = 1u << 0,
    CasePreservedNames = 1u << 1,
    UnicodeOnDisk = 1u << 2,
    PersistentAcls = 1u << 3,
    ReparsePoints = 1u << 4,
    NamedStreams = 1u << 6,
    ExtendedAttributes = 1u << 8,
    ReadOnlyVolume = 1u << 9,
    PostCleanupWhenModifiedOnly = 1u << 10,
    PassQueryDirectoryPattern = 1u << 11,
    UmFileContextIsUserContext2 = 1u << 16,
    UmFileContextIsFullContext = 1u << 17,
    DirectoryMarkerAsNextOffset = 1u << 27,
    SupportsPosixUnlinkRename = 1u << 29,
}
