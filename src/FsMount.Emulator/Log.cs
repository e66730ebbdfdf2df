namespace FsMount.Emulator;

/// <summary>Every log message of the emulator. None takes the API key or anything that carries it.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "1fichier emulator listening on {BaseUrl} (API {ApiUrl}, admin {AdminUrl}, limits {Limits}, fault seed {FaultSeed})")]
    public static partial void Listening(ILogger logger, Uri baseUrl, Uri apiUrl, Uri adminUrl, EmulatorLimitsMode limits, int faultSeed);

    [LoggerMessage(2, LogLevel.Information, "Generated a new API key, stored in {KeyFile}")]
    public static partial void KeyGenerated(ILogger logger, string keyFile);

    [LoggerMessage(3, LogLevel.Information, "Using the API key stored in {KeyFile}")]
    public static partial void KeyReused(ILogger logger, string keyFile);

    [LoggerMessage(4, LogLevel.Information, "Removed {Count} stale temp files or unreferenced bodies at start")]
    public static partial void Cleaned(ILogger logger, int count);

    [LoggerMessage(10, LogLevel.Information, "Flood refusal for {Caller} on {Path}")]
    public static partial void FloodRefused(ILogger logger, string caller, PathString path);

    [LoggerMessage(11, LogLevel.Information, "Injected HTTP 503 on {Path}")]
    public static partial void InjectedServerError(ILogger logger, PathString path);

    [LoggerMessage(12, LogLevel.Information, "Injected connection reset on {Path}")]
    public static partial void InjectedReset(ILogger logger, PathString path);

    [LoggerMessage(13, LogLevel.Information, "Injected a dropped response on {Path}: the change is committed, the connection aborted")]
    public static partial void InjectedDroppedResponse(ILogger logger, PathString path);

    [LoggerMessage(20, LogLevel.Information, "Upload {UploadId}: stored {Count} files in folder {FolderId}")]
    public static partial void Uploaded(ILogger logger, string uploadId, int count, long folderId);

    [LoggerMessage(21, LogLevel.Information, "Upload {UploadId}: dropped part '{FileName}' ({Reason})")]
    public static partial void UploadPartDropped(ILogger logger, string uploadId, string fileName, string reason);

    [LoggerMessage(30, LogLevel.Information, "Fault plan changed: {Faults}")]
    public static partial void FaultsChanged(ILogger logger, string faults);

    [LoggerMessage(31, LogLevel.Information, "Fault rolls restarted from seed {Seed}")]
    public static partial void FaultsReseeded(ILogger logger, int seed);

    [LoggerMessage(40, LogLevel.Information, "Remote upload {Id}: {Count} URL(s) into folder {FolderId}")]
    public static partial void RemoteUploadRequested(ILogger logger, long id, int count, long folderId);

    [LoggerMessage(41, LogLevel.Information, "Remote upload {Id}: {Url} fetched as {Name} ({Size} bytes)")]
    public static partial void RemoteUploadFetched(ILogger logger, long id, Uri url, string name, long size);

    [LoggerMessage(42, LogLevel.Information, "Remote upload {Id}: {Url} failed: {Reason}")]
    public static partial void RemoteUploadFailed(ILogger logger, long id, Uri url, string reason);
}
