using FsMount.Core.Vfs;
using FsMount.Fuse.Protocol;

namespace FsMount.Fuse.Bridge;

/// <summary>Describes core nodes to the kernel: owned by the mount owner, with the core's permissions and the configured cache lifetimes.</summary>
internal sealed class AttributeEncoder
{
    /// <summary>The permission bits of a mode (07777): what the core keeps; the file type is the encoder's.</summary>
    public const uint PermissionMask = 0xFFF;

    private const uint DirectoryType = 0x4000; // S_IFDIR
    private const uint FileType = 0x8000;      // S_IFREG
    private const long StatBlockSize = 512;    // st_blocks always counts 512-byte units

    private readonly uint _userId;
    private readonly uint _groupId;
    private readonly uint _preferredIoSize;
    private readonly (ulong Seconds, uint Nanoseconds) _attributeValid;
    private readonly (ulong Seconds, uint Nanoseconds) _entryValid;
    private readonly (ulong Seconds, uint Nanoseconds) _negativeValid;

    public AttributeEncoder(FuseMountOptions options, uint userId, uint groupId)
    {
        _userId = userId;
        _groupId = groupId;
        _preferredIoSize = (uint)options.PreferredIoSize;
        _attributeValid = Split(options.AttributeTimeout);
        _entryValid = Split(options.EntryTimeout);
        _negativeValid = Split(options.NegativeEntryTimeout);
        RemembersMisses = options.NegativeEntryTimeout > TimeSpan.Zero;
    }

    /// <summary>Whether a lookup miss is answered with a negative entry rather than ENOENT.</summary>
    public bool RemembersMisses { get; }

    public static uint DirentType(in NodeAttributes attributes) =>
        attributes.IsDirectory ? DirentWriter.TypeDirectory : DirentWriter.TypeRegular;

    public AttrOut AttrOut(in NodeAttributes attributes) => new()
    {
        AttrValid = _attributeValid.Seconds,
        AttrValidNsec = _attributeValid.Nanoseconds,
        Attr = Attr(attributes),
    };

    public EntryOut EntryOut(in NodeAttributes attributes) => new()
    {
        NodeId = attributes.NodeId,
        EntryValid = _entryValid.Seconds,
        EntryValidNsec = _entryValid.Nanoseconds,
        AttrValid = _attributeValid.Seconds,
        AttrValidNsec = _attributeValid.Nanoseconds,
        Attr = Attr(attributes),
    };

    /// <summary>A lookup miss the kernel may remember: node 0 (a negative entry) with its own lifetime.</summary>
    public EntryOut NegativeEntryOut() => new()
    {
        EntryValid = _negativeValid.Seconds,
        EntryValidNsec = _negativeValid.Nanoseconds,
    };

    /// <summary>STATX's reply: the basic attributes and the birth time (the creation time the core knows).</summary>
    public StatxOut StatxOut(in NodeAttributes attributes)
    {
        var attr = Attr(attributes);
        var (born, bornNs) = Split(attributes.CreationTime - DateTimeOffset.UnixEpoch);
        return new StatxOut
        {
            AttrValid = _attributeValid.Seconds,
            AttrValidNsec = _attributeValid.Nanoseconds,
            Stat = new FuseStatx
            {
                Mask = FuseStatx.BasicStats | FuseStatx.BirthTime,
                BlockSize = attr.BlockSize,
                NLink = attr.NLink,
                Uid = attr.Uid,
                Gid = attr.Gid,
                Mode = (ushort)attr.Mode,
                Ino = attr.Ino,
                Size = attr.Size,
                Blocks = attr.Blocks,
                ATime = new StatxTime { Seconds = (long)attr.ATime, Nanoseconds = attr.ATimeNsec },
                BTime = new StatxTime { Seconds = (long)born, Nanoseconds = bornNs },
                CTime = new StatxTime { Seconds = (long)attr.CTime, Nanoseconds = attr.CTimeNsec },
                MTime = new StatxTime { Seconds = (long)attr.MTime, Nanoseconds = attr.MTimeNsec },
            },
        };
    }

    private FuseAttr Attr(in NodeAttributes attributes)
    {
        var size = Math.Max(attributes.Size, 0);
        var (written, writtenNs) = Split(attributes.LastWriteTime - DateTimeOffset.UnixEpoch);
        var (accessed, accessedNs) = Split(attributes.LastAccessTime - DateTimeOffset.UnixEpoch);
        return new FuseAttr
        {
            Ino = attributes.NodeId,
            Size = (ulong)size,
            Blocks = (ulong)((size + StatBlockSize - 1) / StatBlockSize),
            ATime = accessed,
            MTime = written,
            CTime = written,
            ATimeNsec = accessedNs,
            MTimeNsec = writtenNs,
            CTimeNsec = writtenNs,
            Mode = (attributes.IsDirectory ? DirectoryType : FileType) | (attributes.Permissions & PermissionMask),
            NLink = attributes.IsDirectory ? 2u : 1u,
            Uid = _userId,
            Gid = _groupId,
            BlockSize = _preferredIoSize,
        };
    }

    // Times before 1970 are shown as the epoch rather than as a negative number of seconds.
    private static (ulong Seconds, uint Nanoseconds) Split(TimeSpan span)
    {
        var ticks = Math.Max(span.Ticks, 0);
        return ((ulong)(ticks / TimeSpan.TicksPerSecond), (uint)(ticks % TimeSpan.TicksPerSecond * TimeSpan.NanosecondsPerTick));
    }
}
