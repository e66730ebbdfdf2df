using FsMount.Fuse.Protocol;
using Microsoft.Extensions.Logging;

namespace FsMount.Fuse;

/// <summary>Every log event of FsMount.Fuse; ids 4000-4099.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Trace, Message = "FUSE {Opcode} unique={Unique} node={NodeId}")]
    public static partial void RequestReceived(ILogger logger, FuseOpcode opcode, ulong unique, ulong nodeId);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Trace, Message = "FUSE reply unique={Unique} error={Error}")]
    public static partial void ReplySent(ILogger logger, ulong unique, LinuxErrno error);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Error, Message = "The kernel rejected a reply of {Length} bytes: {Error}")]
    public static partial void ReplyRejected(ILogger logger, int length, LinuxErrno error);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Error, Message = "The handler of {Opcode} (unique={Unique}) returned without replying; answered EIO")]
    public static partial void HandlerDidNotReply(ILogger logger, FuseOpcode opcode, ulong unique);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "A second reply to unique={Unique} was dropped")]
    public static partial void DuplicateReply(ILogger logger, ulong unique);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Error, Message = "Serving {Opcode} failed unexpectedly; answered EIO")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, FuseOpcode opcode);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Information, Message = "FUSE INIT: kernel {KernelMajor}.{KernelMinor}, answered {Major}.{Minor}, flags 0x{Flags:x8}")]
    public static partial void Initialized(ILogger logger, uint kernelMajor, uint kernelMinor, uint major, uint minor, uint flags);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Error, Message = "The kernel speaks FUSE {KernelMajor}.{KernelMinor}, which is too old; answered EPROTO")]
    public static partial void UnsupportedKernel(ILogger logger, uint kernelMajor, uint kernelMinor);

    [LoggerMessage(EventId = 4009, Level = LogLevel.Error, Message = "Reading FUSE requests failed; the connection stops")]
    public static partial void ReaderFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Debug, Message = "INTERRUPT of unique={Target}: {Outcome}")]
    public static partial void InterruptReceived(ILogger logger, ulong target, string outcome);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Warning, Message = "Dropped a malformed request of {Length} bytes")]
    public static partial void MalformedRequest(ILogger logger, int length);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Information, Message = "Mounted {FsName} on {MountPoint}")]
    public static partial void Mounted(ILogger logger, string fsName, string mountPoint);

    [LoggerMessage(EventId = 4013, Level = LogLevel.Information, Message = "Unmounting {MountPoint}")]
    public static partial void Unmounting(ILogger logger, string mountPoint);

    [LoggerMessage(EventId = 4014, Level = LogLevel.Warning, Message = "Unmounting {MountPoint} failed: {Error}")]
    public static partial void UnmountFailed(ILogger logger, string mountPoint, string error);

    [LoggerMessage(EventId = 4015, Level = LogLevel.Information, Message = "The FUSE connection for {MountPoint} has ended")]
    public static partial void ConnectionEnded(ILogger logger, string mountPoint);

    [LoggerMessage(EventId = 4016, Level = LogLevel.Debug, Message = "Read-ahead of {MountPoint} set to {KiB} KiB")]
    public static partial void ReadAheadSet(ILogger logger, string mountPoint, int kiB);

    [LoggerMessage(EventId = 4017, Level = LogLevel.Warning, Message = "Could not raise the read-ahead of {MountPoint} ({Reason}); sequential reads will be slower")]
    public static partial void ReadAheadNotSet(ILogger logger, string mountPoint, string reason);

    [LoggerMessage(EventId = 4018, Level = LogLevel.Warning, Message = "Cleared a dead fsmount mount on {MountPoint} (its process had died)")]
    public static partial void DeadMountCleared(ILogger logger, string mountPoint);

    /// <summary>The one line per request -v shows: what the kernel asked, what it got, and how long it waited.</summary>
    [LoggerMessage(EventId = 4019, Level = LogLevel.Debug, Message = "FUSE {Opcode} node={NodeId} unique={Unique}: {Result} in {ElapsedMs:F2} ms")]
    public static partial void RequestServed(ILogger logger, FuseOpcode opcode, ulong nodeId, ulong unique, string result, double elapsedMs);

    [LoggerMessage(EventId = 4020, Level = LogLevel.Warning, Message = "FUSE {Opcode} node={NodeId} waited {Seconds:F0} s for the service, past the I/O time-out (--io-timeout); answered EIO")]
    public static partial void RequestTimedOut(ILogger logger, FuseOpcode opcode, ulong nodeId, double seconds);
}
