using FsMount.Core.Errors;
using Microsoft.Extensions.Logging;

namespace FsMount.Core;

// Event ids: 1000s metadata, 2000s reading, 3000s account, 4000s namespace and handles, 5000s staging and uploads.
internal static partial class Log
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Listed folder {FolderId}: {FolderCount} folders, {FileCount} files in {Elapsed}")]
    public static partial void FolderListed(ILogger logger, long folderId, int folderCount, int fileCount, TimeSpan elapsed);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Listing folder {FolderId} failed")]
    public static partial void FolderListingFailed(ILogger logger, long folderId, Exception exception);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Service unavailable; serving the expired listing of folder {FolderId}")]
    public static partial void StaleListingServed(ILogger logger, long folderId, Exception exception);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Debug, Message = "Loaded {Count} folder listings saved by the last run")]
    public static partial void SavedListingsLoaded(ILogger logger, int count);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Folder listings could not be saved to the cache database")]
    public static partial void ListingsNotSaved(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Opened range {Offset}+{Length} of file {ShortId}")]
    public static partial void RangeOpened(ILogger logger, string shortId, long offset, long length);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Reading file {ShortId} at {Offset} failed: {Error}")]
    public static partial void ReadFailed(ILogger logger, string shortId, long offset, FsError error, Exception exception);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "File {ShortId} ended at {Position}, before its listed size {Size}")]
    public static partial void FileShorterThanListed(ILogger logger, string shortId, long position, long size);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "The chunk cache failed on file {Key}; its bytes are downloaded instead")]
    public static partial void ChunkCacheFailed(ILogger logger, string key, Exception exception);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Debug, Message = "Chunk cache: evicted file {Key} ({Bytes} bytes)")]
    public static partial void ChunkFileEvicted(ILogger logger, string key, long bytes);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "Account info: {UsedBytes} of {TotalBytes} bytes used")]
    public static partial void AccountInfoFetched(ILogger logger, long usedBytes, long totalBytes);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Account info unavailable; answering statfs with the last known or a default capacity")]
    public static partial void AccountInfoFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Debug, Message = "Node {NodeId} is unknown (already forgotten)")]
    public static partial void UnknownNode(ILogger logger, ulong nodeId);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "{Operation} of '{Name}' failed: {Error}")]
    public static partial void MutationFailed(ILogger logger, string operation, string name, FsError error, Exception exception);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Removing '{Name}', replaced by a rename, failed; it stays on the account")]
    public static partial void ReplacedRemovalFailed(ILogger logger, string name, Exception exception);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Uploaded '{Name}' ({Size} bytes) as {ShortId}")]
    public static partial void Uploaded(ILogger logger, string name, long size, string shortId);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Upload of '{Name}' failed ({Failures} in a row); trying again in {Delay}")]
    public static partial void UploadFailed(ILogger logger, string name, int failures, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Debug, Message = "Staged file {Id} was removed and its remote copies cleaned up")]
    public static partial void StagedFileCleanedUp(ILogger logger, string id);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Error, Message = "Staged file {Id} moved to {Path}: {Reason}")]
    public static partial void StagedFileQuarantined(ILogger logger, string id, string reason, string path);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Information, Message = "Recovered {Count} staged files from the upload journal")]
    public static partial void StagedFilesRecovered(ILogger logger, int count);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Warning, Message = "Fetching the content of '{Name}' to write it failed")]
    public static partial void FetchForWriteFailed(ILogger logger, string name, Exception exception);
}
