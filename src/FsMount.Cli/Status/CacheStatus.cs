namespace FsMount.Cli.Status;

/// <summary>The chunk cache of files read: bytes held, and the most it keeps (--cache-max-size).</summary>
internal sealed record CacheStatus(long UsedBytes, long MaxBytes);
