namespace FsMount.Cli.Status;

/// <summary>The upload queue: totals, and every file in it (those running first).</summary>
internal sealed record UploadsStatus(int PendingFiles, long PendingBytes, int Running, int Failing, IReadOnlyList<UploadStatus> Files);
