namespace FsMount.Cli.Status;

/// <summary>
/// One file to upload. A running one has its start, bytes sent, mean rate since it started (bytes/s)
/// and the seconds left at that rate; a waiting one has none of them.
/// </summary>
internal sealed record UploadStatus(string Name, long Size, bool Running, long BytesSent, DateTimeOffset? StartedAt, double? BytesPerSecond, double? EtaSeconds);
