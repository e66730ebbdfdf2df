using FsMount.Core.Errors;
using Microsoft.Extensions.Logging;

namespace FsMount.Core;

// Event ids: 1000s metadata, 2000s reading, 3000s account, 4000s namespace and handles.
internal static partial class Log
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Listed folder {FolderId}: {FolderCount} folders, {FileCount} files in {Elapsed}")]
    public static partial void FolderListed(ILogger logger, long folderId, int folderCount, int fileCount, TimeSpan elapsed);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Listing folder {FolderId} failed")]
    public static partial void FolderListingFailed(ILogger logger, long folderId, Exception exception);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Service unavailable; serving the expired listing of folder {FolderId}")]
    public static partial void StaleListingServed(ILogger logger, long folderId, Exception exception);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Opened range {Offset}+{Length} of file {ShortId}")]
    public static partial void RangeOpened(ILogger logger, string shortId, long offset, long length);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Reading file {ShortId} at {Offset} failed: {Error}")]
    public static partial void ReadFailed(ILogger logger, string shortId, long offset, FsError error, Exception exception);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "File {ShortId} ended at {Position}, before its listed size {Size}")]
    public static partial void FileShorterThanListed(ILogger logger, string shortId, long position, long size);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "Account info: {UsedBytes} of {TotalBytes} bytes used")]
    public static partial void AccountInfoFetched(ILogger logger, long usedBytes, long totalBytes);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Account info unavailable; answering statfs with the last known or a default capacity")]
    public static partial void AccountInfoFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Debug, Message = "Node {NodeId} is unknown (already forgotten)")]
    public static partial void UnknownNode(ILogger logger, ulong nodeId);
}
