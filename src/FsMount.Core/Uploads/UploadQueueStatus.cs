namespace FsMount.Core.Uploads;

/// <summary>What the upload queue holds: files and bytes still to upload, and the bytes sent so far by the uploads running now.</summary>
public readonly record struct UploadQueueStatus(int PendingFiles, long PendingBytes, int Running, long RunningBytesSent, int Failing);
