namespace FsMount.Core;

/// <summary>
/// Tuning of the mounted file system. Defaults suit a media library on a 1fichier account; the
/// validator (<see cref="FsMountOptionsValidator"/>) rejects values that would break the service's
/// limits or the read path.
/// </summary>
public sealed class FsMountOptions
{
    /// <summary>
    /// How long a folder listing serves lookups, attributes and directory reads before the folder is
    /// listed again. The service allows one listing per folder per 30 s, so this must not be shorter.
    /// </summary>
    public TimeSpan DirectoryCacheTime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The cache folder of this account: the upload journal, staged files and kept attributes.
    /// Created with mode 0700. Required: a mount with nowhere to stage writes cannot accept them.
    /// </summary>
    public string CacheDirectory { get; set; } = string.Empty;

    /// <summary>
    /// Whether names are matched without regard to case (Windows' habit; the service itself is
    /// case-sensitive). Names keep their case either way; two remote names that differ only by case
    /// are both shown, the second under a generated name. Chosen by the adapter, applied by the core.
    /// </summary>
    public bool CaseInsensitiveNames { get; set; }

    /// <summary>
    /// How names are shown and how new names reach the service (<see cref="Names.NameStyle"/>): POSIX on
    /// Linux; on Windows, reversible stand-ins for what Windows forbids. Chosen by the adapter, applied by the core.
    /// </summary>
    public Names.NameStyle NameStyle { get; set; }

    /// <summary>Refuse every change (the mount is <c>--read-only</c>): writes answer <see cref="Errors.FsError.ReadOnly"/>.</summary>
    public bool ReadOnly { get; set; }

    /// <summary>
    /// How long after the last writer closes a file its upload waits, so that a file rewritten or
    /// renamed right after close (editors, rsync's temporary names) is uploaded once (rclone waits 5 s).
    /// </summary>
    public TimeSpan WriteBackDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long one file-system request may wait for the service (a lock-out, the listing spacing, a
    /// stalled answer) before the adapter answers it EIO. Without a bound, `ls` waited 240 s and `cat`
    /// more than 400 s with the service gone; a minute is about what NFS's soft mounts give.
    /// </summary>
    public TimeSpan IoTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The largest file the service takes (300 GB for 1fichier); a write past it fails with <see cref="Errors.FsError.TooLarge"/>.</summary>
    public long MaxFileSize { get; set; } = 300_000_000_000;

    /// <summary>Uploads that run at once (each still paced by the drive).</summary>
    public int MaxConcurrentUploads { get; set; } = 4;

    /// <summary>
    /// Most files one upload request carries: the small files of a folder that are due together go in
    /// one request, which costs the service's rate what one file does (1fichier takes up to 500).
    /// </summary>
    public int MaxFilesPerUpload { get; set; } = 100;

    /// <summary>Most bytes one shared upload request carries; a larger file goes alone.</summary>
    public long MaxBytesPerUpload { get; set; } = 64L * 1024 * 1024;

    /// <summary>First delay before a failed upload is tried again; it doubles with each failure.</summary>
    public TimeSpan UploadRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest delay between two tries of a failing upload (also the delay after a failure retrying cannot heal soon, such as a full quota).</summary>
    public TimeSpan MaxUploadRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a change of our own that no listing has confirmed yet (a new file, a rename, a delete)
    /// is shown over the listings before we believe the listings instead (another client may have
    /// undone it). The service lists new files late at times, so this is generous.
    /// </summary>
    public TimeSpan PendingEntryLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long the account's capacity (statfs) is reused. The service locks out a user who asks more
    /// often than once per 5 minutes, so this must be at least that.
    /// </summary>
    public TimeSpan StatisticsCacheTime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Most bytes the chunk cache keeps of files read (and of files uploaded, for the scan that comes
    /// next); files used least recently go first. 0 turns the cache off.
    /// </summary>
    public long ChunkCacheBytes { get; set; } = 10L * 1024 * 1024 * 1024;

    /// <summary>
    /// Length of the first ranged request after an open or a seek. A seek abandons the rest of the range,
    /// and the download host has usually sent it already, so this bounds what a media scanner's head or
    /// tail read downloads in vain (the kernel reads 128 KiB ahead of a 64 KiB head read); sequential
    /// reads then double the window each time, so a stream reaches full-size windows within a few.
    /// </summary>
    public int ReadWindowBytes { get; set; } = 128 * 1024;

    /// <summary>The window doubles while reads stay sequential, up to this length.</summary>
    public int MaxReadWindowBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>
    /// The farthest ahead of a stream in full flow a read may be and still be read through to instead
    /// of opening a new range (early in a stream the allowance is twice its window, at least 1 MiB, so a
    /// scanner's jump from a file's head to its tail opens a range). The kernel's parallel reads of a stream arrive out of
    /// order, up to a few 1 MiB READs apart with a 1 MiB read-ahead (1 MiB here let the stream jump ahead
    /// and turned the reads left behind into new ranges: 10% more downloaded); and reading a few MiB
    /// costs about a new request's round trip.
    /// </summary>
    public int MaxForwardSkipBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// Bytes most recently read that each open handle keeps, so reads the kernel sends in parallel
    /// and that arrive out of order are served from memory instead of a new ranged request. More
    /// than <see cref="MaxForwardSkipBytes"/>, so what is read through on the way to a read ahead
    /// is still there for the reads behind it.
    /// </summary>
    public int ReadBufferBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>
    /// Permission bits removed from every file and folder shown (<c>--umask</c>, as mount(8)'s
    /// option of that name for file systems without owners): 077 shows them to their owner only.
    /// The bits a user set are kept as set; only what is shown is reduced.
    /// </summary>
    public uint Umask { get; set; }
}
