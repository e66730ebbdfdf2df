using Microsoft.Extensions.Logging;

namespace FsMount.OneFichier;

/// <summary>
/// Every log line of the client. None of them takes the API key or anything that carries it (requests,
/// headers, credentials), nor download URLs, whose tokens grant access to a file.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Debug, Message = "1fichier {Endpoint}: {Outcome} in {ElapsedMs:F0} ms after {Retries} retries")]
    public static partial void ApiCall(ILogger logger, string endpoint, string outcome, double elapsedMs, int retries);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "1fichier {Endpoint}: retry {Attempt} in {DelayMs:F0} ms after: {Reason}")]
    public static partial void Retrying(ILogger logger, string endpoint, int attempt, double delayMs, string reason);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "1fichier flood answer to {Endpoint} (code {Code}): every call pauses for {PauseSeconds:F1} s")]
    public static partial void FloodPause(ILogger logger, string endpoint, int? code, double pauseSeconds);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "1fichier download broke at byte {Offset}; resuming ({Reason})")]
    public static partial void DownloadResuming(ILogger logger, long offset, string reason);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Debug, Message = "1fichier download token replaced ({Reason})")]
    public static partial void DownloadTokenRenewed(ILogger logger, string reason);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "1fichier upload attempt {Attempt} failed; starting again on a new node ({Reason})")]
    public static partial void UploadRetrying(ILogger logger, int attempt, string reason);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "1fichier upload report {Attempt} was unusable ({Reason})")]
    public static partial void UploadReportUnusable(ILogger logger, int attempt, string reason);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Warning, Message = "1fichier upload report never gave a link; looking for the files in folder {FolderId}")]
    public static partial void UploadLookup(ILogger logger, long folderId);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Warning, Message = "1fichier upload.cgi failed after the body may have arrived ({Reason}); asking its report before anything is sent again")]
    public static partial void UploadOutcomeUnknown(ILogger logger, string reason);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Warning, Message = "1fichier {Endpoint} got no usable answer ({Reason}); looking for what it did before sending it again")]
    public static partial void LostAnswer(ILogger logger, string endpoint, string reason);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "1fichier {Endpoint} did not land; sending it again (attempt {Attempt})")]
    public static partial void Resending(ILogger logger, string endpoint, int attempt);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning, Message = "1fichier calls of this process are paced on their own, not with the account's other fsmount processes: the shared pacing file {Path} cannot be used ({Reason})")]
    public static partial void HostPacingUnusable(ILogger logger, string path, string reason);
}
