namespace FsMount.Fuse;

/// <summary>How a FUSE mount is made and served.</summary>
public sealed class FuseMountOptions
{
    /// <summary>The source name shown in the mount table (<c>df</c>, <c>mount</c>).</summary>
    public string FsName { get; set; } = "fsmount";

    /// <summary>Lets users other than the mount owner use the mount (the kernel's <c>allow_other</c>).</summary>
    public bool AllowOther { get; set; }

    /// <summary>
    /// Mounts read-only (MS_RDONLY), so the mount table says <c>ro</c> and the kernel refuses writes
    /// before they reach the file system, which refuses them too when its own policy says so.
    /// </summary>
    public bool ReadOnly { get; set; }

    /// <summary>Makes the kernel check permission bits itself (the kernel's <c>default_permissions</c>).</summary>
    public bool DefaultPermissions { get; set; }

    /// <summary>How long the kernel may cache attributes. With 1 s, a repeated <c>stat</c> never reaches the server.</summary>
    public TimeSpan AttributeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the kernel may cache a name-to-node lookup.</summary>
    public TimeSpan EntryTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long the kernel may remember that a name does not exist, so a media scanner probing for
    /// <c>movie.srt</c> or <c>folder.jpg</c> again and again is answered by the kernel. Zero answers
    /// every miss with ENOENT, which the kernel does not remember.
    /// </summary>
    public TimeSpan NegativeEntryTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Threads blocked in read(2) on the device. Handlers run as tasks, so one thread already serves
    /// many requests at once (8 slow reads in parallel were observed with one).
    /// </summary>
    public int ReaderThreads { get; set; } = 1;

    /// <summary>
    /// A request running longer than this is cancelled and answered EIO (null: no bound). Its work is
    /// cancelled as for an INTERRUPT, but the answer is EIO, since no one asked to stop.
    /// </summary>
    public TimeSpan? IoTimeout { get; set; }

    /// <summary>Requests the kernel keeps in flight in the background (readahead). Its default of 12 is low for a network file system.</summary>
    public ushort MaxBackground { get; set; } = 64;

    /// <summary>Background requests past which the kernel reports congestion; below <see cref="MaxBackground"/>.</summary>
    public ushort CongestionThreshold { get; set; } = 48;

    /// <summary>
    /// How far ahead the kernel reads a file that is read sequentially (the mount's read_ahead_kb in
    /// /sys/class/bdi). With the kernel's 128 KiB a stream arrives as 128 KiB READs; 1 MiB makes them
    /// maximal 1 MiB READs, and every READ is a round trip through this process (measured: a third
    /// less CPU per byte for `cat`). Larger gained nothing more and spreads the parallel READs further
    /// apart. Null keeps the kernel's value. Only root may set it; a normal user's mount keeps 128 KiB.
    /// </summary>
    public int? ReadAheadBytes { get; set; } = 1024 * 1024;

    /// <summary>The st_blksize files report: tools such as <c>cp</c> and <c>cat</c> read in chunks of this size.</summary>
    public int PreferredIoSize { get; set; } = 1024 * 1024;

    /// <summary>
    /// The user the files are shown as owned by (<c>--uid</c>). Mounted by root, this user is also the
    /// one the kernel lets use the mount unless <see cref="AllowOther"/>; mounted by a normal user
    /// through fusermount3, that user is. Null means the current effective user.
    /// </summary>
    public uint? OwnerUserId { get; set; }

    /// <summary>
    /// The group the files are shown as owned by (<c>--gid</c>). Null means the primary group of
    /// <see cref="OwnerUserId"/> when it is given (from /etc/passwd), else the current effective group.
    /// </summary>
    public uint? OwnerGroupId { get; set; }

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(FsName, nameof(FsName));

        // fusermount3 takes it inside a comma-separated option list.
        if (FsName.Contains(',', StringComparison.Ordinal))
        {
            throw new ArgumentException("must not contain a comma", nameof(FsName));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(AttributeTimeout, TimeSpan.Zero, nameof(AttributeTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(EntryTimeout, TimeSpan.Zero, nameof(EntryTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(NegativeEntryTimeout, TimeSpan.Zero, nameof(NegativeEntryTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(ReaderThreads, 1, nameof(ReaderThreads));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ReaderThreads, 16, nameof(ReaderThreads));
        ArgumentOutOfRangeException.ThrowIfZero(MaxBackground, nameof(MaxBackground));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(CongestionThreshold, MaxBackground, nameof(CongestionThreshold));
        if (ReadAheadBytes is { } readAhead)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(readAhead, 4096, nameof(ReadAheadBytes));
        }

        if (PreferredIoSize < 512 || !int.IsPow2(PreferredIoSize))
        {
            throw new ArgumentOutOfRangeException(nameof(PreferredIoSize), PreferredIoSize, "must be a power of two of at least 512");
        }
    }
}
