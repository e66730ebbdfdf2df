using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FsMount.WinFsp.Native;

namespace FsMount.WinFsp.Tests.Native;

/// <summary>
/// The interop structs against WinFsp's headers (inc/winfsp/fsctl.h, inc/winfsp/winfsp.h at e7c7ccc):
/// the sizes its static asserts state, and every field offset as the C compiler lays it out on 64-bit.
/// </summary>
public sealed class StructLayoutTests
{
    [Fact]
    public void Volume_params_are_504_bytes_with_the_v0_fields_in_the_first_456()
    {
        Assert.Equal(504, Unsafe.SizeOf<VolumeParams>());
        Assert.Equal(504, VolumeParams.CurrentVersion);
        AssertOffsets<VolumeParams>(
            ("Version", 0), ("SectorSize", 2), ("SectorsPerAllocationUnit", 4), ("MaxComponentLength", 6),
            ("VolumeCreationTime", 8), ("VolumeSerialNumber", 16), ("TransactTimeout", 20), ("IrpTimeout", 24),
            ("IrpCapacity", 28), ("FileInfoTimeout", 32), ("Flags", 36), ("Prefix", 40), ("FileSystemName", 424),
            ("TimeoutsValid", 456), ("VolumeInfoTimeout", 460), ("DirInfoTimeout", 464), ("SecurityTimeout", 468),
            ("StreamInfoTimeout", 472), ("EaTimeout", 476), ("FsextControlCode", 480), ("Reserved32", 484), ("Reserved64", 488));
    }

    [Fact]
    public void Volume_flags_are_the_header_bit_fields_in_order()
    {
        Assert.Equal(0x1u, (uint)VolumeFlags.CaseSensitiveSearch);
        Assert.Equal(0x2u, (uint)VolumeFlags.CasePreservedNames);
        Assert.Equal(0x4u, (uint)VolumeFlags.UnicodeOnDisk);
        Assert.Equal(0x8u, (uint)VolumeFlags.PersistentAcls);
        Assert.Equal(0x10u, (uint)VolumeFlags.ReparsePoints);
        Assert.Equal(0x40u, (uint)VolumeFlags.NamedStreams);
        Assert.Equal(0x100u, (uint)VolumeFlags.ExtendedAttributes);
        Assert.Equal(0x200u, (uint)VolumeFlags.ReadOnlyVolume);
        Assert.Equal(0x400u, (uint)VolumeFlags.PostCleanupWhenModifiedOnly);
        Assert.Equal(0x800u, (uint)VolumeFlags.PassQueryDirectoryPattern);
        Assert.Equal(0x10000u, (uint)VolumeFlags.UmFileContextIsUserContext2);
        Assert.Equal(0x20000u, (uint)VolumeFlags.UmFileContextIsFullContext);
        Assert.Equal(1u << 27, (uint)VolumeFlags.DirectoryMarkerAsNextOffset);
        Assert.Equal(1u << 29, (uint)VolumeFlags.SupportsPosixUnlinkRename);
    }

    [Fact]
    public void File_info_is_72_bytes()
    {
        Assert.Equal(72, Unsafe.SizeOf<FspFileInfo>());
        AssertOffsets<FspFileInfo>(
            ("FileAttributes", 0), ("ReparseTag", 4), ("AllocationSize", 8), ("FileSize", 16), ("CreationTime", 24),
            ("LastAccessTime", 32), ("LastWriteTime", 40), ("ChangeTime", 48), ("IndexNumber", 56), ("HardLinks", 64), ("EaSize", 68));
    }

    [Fact]
    public void Open_file_info_puts_the_normalized_name_after_the_file_info()
    {
        Assert.Equal(88, Unsafe.SizeOf<OpenFileInfo>());
        AssertOffsets<OpenFileInfo>(("FileInfo", 0), ("NormalizedName", 72), ("NormalizedNameSize", 80));
    }

    [Fact]
    public void Dir_info_is_104_bytes_before_its_name()
    {
        Assert.Equal(104, Unsafe.SizeOf<DirInfo>());
        AssertOffsets<DirInfo>(("Size", 0), ("FileInfo", 8), ("Padding", 80));
    }

    [Fact]
    public void Volume_info_is_88_bytes()
    {
        Assert.Equal(88, Unsafe.SizeOf<VolumeInfo>());
        AssertOffsets<VolumeInfo>(("TotalSize", 0), ("FreeSize", 8), ("VolumeLabelLength", 16), ("VolumeLabel", 18));
    }

    [Fact]
    public void A_transact_response_is_128_bytes_with_the_write_file_info_at_24()
    {
        Assert.Equal(128, Unsafe.SizeOf<TransactResponse>());
        AssertOffsets<TransactResponse>(
            ("Version", 0), ("Size", 2), ("Kind", 4), ("Hint", 8), ("Information", 16), ("Status", 20), ("WriteFileInfo", 24));
        AssertOffsets<TransactRequestHeader>(("Version", 0), ("Size", 2), ("Kind", 4), ("Hint", 8));
        AssertOffsets<OperationContext>(("Request", 0), ("Response", 8));
    }

    [Fact]
    public void Transact_kinds_are_the_header_enumeration_values()
    {
        Assert.Equal(5u, (uint)TransactKind.Read);
        Assert.Equal(6u, (uint)TransactKind.Write);
        Assert.Equal(14u, (uint)TransactKind.QueryDirectory);
    }

    [Fact]
    public void The_file_system_object_is_792_bytes_with_its_user_context_at_8()
    {
        Assert.Equal(792, Unsafe.SizeOf<FspFileSystem>());
        AssertOffsets<FspFileSystem>(
            ("UserContext", 8), ("VolumeName", 16), ("VolumeHandle", 528), ("EnterOperation", 536), ("LeaveOperation", 544),
            ("Operations", 552), ("Interface", 728), ("DispatcherThread", 736), ("DispatcherThreadCount", 744),
            ("DispatcherResult", 748), ("MountPoint", 752), ("MountHandle", 760), ("DebugLog", 768), ("OpGuardStrategy", 772),
            ("OpGuardLock", 776), ("UmFileContextIsUserContext2", 784), ("UmFileContextIsFullContext", 785), ("UmFlags", 786));
    }

    [Fact]
    public void The_interface_is_64_pointers_in_the_header_order()
    {
        Assert.Equal(64 * IntPtr.Size, Unsafe.SizeOf<FileSystemInterface>());
        string[] order =
        [
            "GetVolumeInfo", "SetVolumeLabel", "GetSecurityByName", "Create", "Open", "Overwrite", "Cleanup", "Close",
            "Read", "Write", "Flush", "GetFileInfo", "SetBasicInfo", "SetFileSize", "CanDelete", "Rename", "GetSecurity",
            "SetSecurity", "ReadDirectory", "ResolveReparsePoints", "GetReparsePoint", "SetReparsePoint", "DeleteReparsePoint",
            "GetStreamInfo", "GetDirInfoByName", "Control", "SetDelete", "CreateEx", "OverwriteEx", "GetEa", "SetEa",
            "Obsolete0", "DispatcherStopped",
        ];
        foreach (var slot in Enum.GetValues<InterfaceSlot>())
        {
            Assert.Equal(slot.ToString(), order[(int)slot]);
        }
    }

    private static void AssertOffsets<T>(params (string Field, int Offset)[] fields)
    {
        foreach (var (field, offset) in fields)
        {
            Assert.True(offset == (int)Marshal.OffsetOf<T>(field), $"{typeof(T).Name}.{field}: expected {offset}, is {Marshal.OffsetOf<T>(field)}");
        }
    }
}
