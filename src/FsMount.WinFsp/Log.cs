using Microsoft.Extensions.Logging;

namespace FsMount.WinFsp;

internal static partial class Log
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Mounted on {MountPoint}")]
    public static partial void Mounted(ILogger logger, string mountPoint);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Unmounting {MountPoint}")]
    public static partial void Unmounting(ILogger logger, string mountPoint);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Error, Message = "WinFsp callback {Callback} failed")]
    public static partial void CallbackFailed(ILogger logger, Exception exception, string callback);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "Could not {Operation} {Path} at close: {Status:X8} (Windows was already told it succeeded)")]
    public static partial void CleanupFailed(ILogger logger, string operation, string path, int status);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "WinFsp stopped the file system on its own (the driver was stopped or uninstalled)")]
    public static partial void DispatcherStopped(ILogger logger);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Debug, Message = "{Callback} {Path}: {Status:X8}")]
    public static partial void Answered(ILogger logger, string callback, string path, int status);
}
