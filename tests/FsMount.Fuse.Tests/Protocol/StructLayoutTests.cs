using System.Runtime.InteropServices;
using FsMount.Fuse.Protocol;

namespace FsMount.Fuse.Tests.Protocol;

/// <summary>
/// Every struct this server reads or writes, with the size and field offsets of <c>linux/fuse.h</c>:
/// the values of /usr/include/linux/fuse.h (7.38, checked with a C compiler), and for STATX (7.39) and
/// COPY_FILE_RANGE_64 (7.45) those of the kernel's include/uapi/linux/fuse.h. SETXATTR is read in its
/// compat size (FUSE_COMPAT_SETXATTR_IN_SIZE, 8), which the kernel sends unless FUSE_SETXATTR_EXT was agreed.
/// </summary>
public sealed class StructLayoutTests
{
    public static TheoryData<Type, int, string[]> Layouts => new()
    {
        { typeof(InHeader), 40, ["Length@0", "Opcode@4", "Unique@8", "NodeId@16", "Uid@24", "Gid@28", "Pid@32", "TotalExtensionLength@36", "Padding@38"] },
        { typeof(OutHeader), 16, ["Length@0", "Error@4", "Unique@8"] },
        { typeof(InitIn), 16, ["Major@0", "Minor@4", "MaxReadahead@8", "Flags@12"] },
        { typeof(InitOut), 64, ["Major@0", "Minor@4", "MaxReadahead@8", "Flags@12", "MaxBackground@16", "CongestionThreshold@18", "MaxWrite@20", "TimeGranularity@24", "MaxPages@28", "MapAlignment@30", "Flags2@32", "MaxStackDepth@36", "RequestTimeout@40"] },
        { typeof(FuseAttr), 88, ["Ino@0", "Size@8", "Blocks@16", "ATime@24", "MTime@32", "CTime@40", "ATimeNsec@48", "MTimeNsec@52", "CTimeNsec@56", "Mode@60", "NLink@64", "Uid@68", "Gid@72", "RDev@76", "BlockSize@80", "Flags@84"] },
        { typeof(EntryOut), 128, ["NodeId@0", "Generation@8", "EntryValid@16", "AttrValid@24", "EntryValidNsec@32", "AttrValidNsec@36", "Attr@40"] },
        { typeof(AttrOut), 104, ["AttrValid@0", "AttrValidNsec@8", "Dummy@12", "Attr@16"] },
        { typeof(ForgetIn), 8, ["LookupCount@0"] },
        { typeof(BatchForgetIn), 8, ["Count@0", "Dummy@4"] },
        { typeof(ForgetOne), 16, ["NodeId@0", "LookupCount@8"] },
        { typeof(SetAttrIn), 88, ["Valid@0", "Padding@4", "Handle@8", "Size@16", "LockOwner@24", "ATime@32", "MTime@40", "CTime@48", "ATimeNsec@56", "MTimeNsec@60", "CTimeNsec@64", "Mode@68", "Unused4@72", "Uid@76", "Gid@80", "Unused5@84"] },
        { typeof(MkNodIn), 16, ["Mode@0", "Rdev@4", "Umask@8", "Padding@12"] },
        { typeof(MkDirIn), 8, ["Mode@0", "Umask@4"] },
        { typeof(RenameIn), 8, ["NewDirectory@0"] },
        { typeof(Rename2In), 16, ["NewDirectory@0", "Flags@8", "Padding@12"] },
        { typeof(OpenIn), 8, ["Flags@0", "OpenFlags@4"] },
        { typeof(OpenOut), 16, ["Handle@0", "OpenFlags@8", "BackingId@12"] },
        { typeof(CreateIn), 16, ["Flags@0", "Mode@4", "Umask@8", "OpenFlags@12"] },
        { typeof(CreateOut), 144, ["Entry@0", "Open@128"] },
        { typeof(ReadIn), 40, ["Handle@0", "Offset@8", "Size@16", "ReadFlags@20", "LockOwner@24", "Flags@32", "Padding@36"] },
        { typeof(WriteIn), 40, ["Handle@0", "Offset@8", "Size@16", "WriteFlags@20", "LockOwner@24", "Flags@32", "Padding@36"] },
        { typeof(WriteOut), 8, ["Size@0", "Padding@4"] },
        { typeof(StatFsOut), 80, ["Blocks@0", "FreeBlocks@8", "AvailableBlocks@16", "Files@24", "FreeFiles@32", "BlockSize@40", "NameLength@44", "FragmentSize@48"] },
        { typeof(ReleaseIn), 24, ["Handle@0", "Flags@8", "ReleaseFlags@12", "LockOwner@16"] },
        { typeof(FlushIn), 24, ["Handle@0", "Unused@8", "Padding@12", "LockOwner@16"] },
        { typeof(FsyncIn), 16, ["Handle@0", "FsyncFlags@8", "Padding@12"] },
        { typeof(SetXAttrIn), 8, ["Size@0", "Flags@4"] },
        { typeof(GetXAttrIn), 8, ["Size@0", "Padding@4"] },
        { typeof(GetXAttrOut), 8, ["Size@0", "Padding@4"] },
        { typeof(AccessIn), 8, ["Mask@0", "Padding@4"] },
        { typeof(InterruptIn), 8, ["Unique@0"] },
        { typeof(PollIn), 24, ["Handle@0", "KernelHandle@8", "Flags@16", "Events@20"] },
        { typeof(PollOut), 8, ["ReadyEvents@0", "Padding@4"] },
        { typeof(FallocateIn), 32, ["Handle@0", "Offset@8", "Length@16", "Mode@24", "Padding@28"] },
        { typeof(LseekIn), 24, ["Handle@0", "Offset@8", "Whence@16", "Padding@20"] },
        { typeof(LseekOut), 8, ["Offset@0"] },
        { typeof(CopyFileRangeIn), 56, ["SourceHandle@0", "SourceOffset@8", "DestinationNodeId@16", "DestinationHandle@24", "DestinationOffset@32", "Length@40", "Flags@48"] },
        { typeof(CopyFileRangeOut), 8, ["BytesCopied@0"] },
        { typeof(StatxIn), 24, ["GetAttrFlags@0", "Reserved@4", "Handle@8", "StatxFlags@16", "StatxMask@20"] },
        { typeof(StatxTime), 16, ["Seconds@0", "Nanoseconds@8", "Reserved@12"] },
        { typeof(FuseStatx), 256, ["Mask@0", "BlockSize@4", "Attributes@8", "NLink@16", "Uid@20", "Gid@24", "Mode@28", "Spare0@30", "Ino@32", "Size@40", "Blocks@48", "AttributesMask@56", "ATime@64", "BTime@80", "CTime@96", "MTime@112", "RDevMajor@128", "RDevMinor@132", "DevMajor@136", "DevMinor@140"] },
        { typeof(StatxOut), 288, ["AttrValid@0", "AttrValidNsec@8", "Flags@12", "Spare0@16", "Spare1@24", "Stat@32"] },
        { typeof(DirentHeader), 24, ["Ino@0", "NextCookie@8", "NameLength@16", "Type@20"] },
        { typeof(NotifyInvalInodeOut), 24, ["NodeId@0", "Offset@8", "Length@16"] },
        { typeof(NotifyInvalEntryOut), 16, ["Parent@0", "NameLength@8", "Flags@12"] },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Structs_have_the_sizes_and_offsets_of_the_kernel_header(Type type, int size, string[] fields)
    {
        Assert.Equal(size, Marshal.SizeOf(type));

        foreach (var field in fields)
        {
            var (name, offset) = (field.Split('@')[0], int.Parse(field.Split('@')[1], System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(offset == (int)Marshal.OffsetOf(type, name), $"{type.Name}.{name}: expected @{offset}, is @{Marshal.OffsetOf(type, name)}");
        }
    }

    [Fact]
    public void Every_field_of_every_struct_is_in_the_table()
    {
        var listed = Layouts.Select(row => (row.Data.Item1, row.Data.Item3)).ToList();

        foreach (var (type, fields) in listed)
        {
            var names = type.GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public).Select(field => field.Name);
            Assert.Equal(names.Order(StringComparer.Ordinal), fields.Select(field => field.Split('@')[0]).Order(StringComparer.Ordinal));
        }

        var structs = typeof(InHeader).Assembly.GetTypes()
            .Where(type => type.Namespace == typeof(InHeader).Namespace && type.IsValueType && !type.IsEnum && type.IsLayoutSequential && type.Name != nameof(ReplyFrame) && type.Name != nameof(InitAnswer));
        Assert.Equal(structs.Select(type => type.Name).Order(StringComparer.Ordinal), listed.Select(row => row.Item1.Name).Order(StringComparer.Ordinal));
    }
}
