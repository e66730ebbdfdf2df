namespace FsMount.Core.Uploads;

/// <summary>
/// One file the upload queue holds, for status: its name, size, the bytes sent by the upload running
/// now, and when that upload started (null while the file waits for its turn or its write-back delay).
/// </summary>
public sealed record UploadActivity(string Name, long Size, long BytesSent, DateTimeOffset? StartedAt);
