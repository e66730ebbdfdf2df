using System.Runtime.InteropServices;
using FsMount.Core.Errors;
using FsMount.WinFsp.Native;
using Microsoft.Extensions.Logging;

namespace FsMount.WinFsp;

/// <summary>
/// Serves WinFsp's callbacks for one mount. Each callback is a static trampoline
/// (<c>WinFspHost.Callbacks.cs</c>) that finds the host through the file system's UserContext, unwraps
/// the arguments, calls <see cref="CoreFileSystem"/>, writes the results back and catches every
/// exception into <see cref="StatusOf"/>. Read, Write and ReadDirectory complete through
/// <see cref="PendingResponses"/>; the others block their dispatcher thread, as WinFsp requires.
/// </summary>
internal sealed unsafe partial class WinFspHost : IDisposable
{
    private readonly CoreFileSystem _core;
    private readonly FileContextTable _contexts = new();
    private readonly PendingResponses _pending;
    private readonly byte[] _securityDescriptor;
    private readonly string _volumeLabel;
    private readonly ILogger _logger;
    private readonly Action _stoppedByWinFsp;
    private readonly CancellationTokenSource _stopping = new();

    /// <param name="stoppedByWinFsp">Called when WinFsp stops the dispatcher itself (its driver went away).</param>
    public WinFspHost(CoreFileSystem core, IResponseChannel channel, byte[] securityDescriptor, string volumeLabel, ILogger logger, Action stoppedByWinFsp)
    {
        _core = core;
        _securityDescriptor = securityDescriptor;
        _volumeLabel = volumeLabel;
        _logger = logger;
        _stoppedByWinFsp = stoppedByWinFsp;
        _pending = new PendingResponses(channel, exception => StatusOf(exception, "completion"));
    }

    /// <summary>The opens WinFsp holds.</summary>
    public FileContextTable Contexts => _contexts;

    public PendingResponses Pending => _pending;

    private CancellationToken Stopping => _stopping.Token;

    /// <summary>Cancels what the core is doing for WinFsp, so blocked dispatcher threads come back and pending requests end soon.</summary>
    public void Stop() => _stopping.Cancel();

    public void Dispose() => _stopping.Dispose();

    /// <summary>The one exception handler: the core's errors keep their status, anything else is logged and reported as an I/O error.</summary>
    private int StatusOf(Exception exception, string callback)
    {
        switch (exception)
        {
            case FsException { Error: not FsError.None } failure:
                return NtStatusMap.From(failure.Error);
            case OperationCanceledException:
                return NtStatus.Cancelled;
            default:
                try
                {
                    Log.CallbackFailed(_logger, exception, callback);
                }
                catch (Exception)
                {
                    // A failing logger must not take the dispatcher thread down with it.
                }

                return NtStatus.UnexpectedIoError;
        }
    }

    private static WinFspHost HostOf(FspFileSystem* fileSystem) => (WinFspHost)GCHandle.FromIntPtr(fileSystem->UserContext).Target!;

    // Create, Open and the rest are synchronous in WinFsp: the dispatcher thread waits for the core.
    private static T Wait<T>(ValueTask<T> operation) =>
        operation.IsCompletedSuccessfully ? operation.Result : operation.AsTask().GetAwaiter().GetResult();

    private static void Wait(ValueTask operation)
    {
        if (!operation.IsCompletedSuccessfully)
        {
            operation.AsTask().GetAwaiter().GetResult();
        }
    }

    private static string? StringOf(char* value) => value is null ? null : new string(value);

    private int Opened(OpenResult result, nint* fileContext, FspFileInfo* fileInfo)
    {
        if (result.Status != NtStatus.Success)
        {
            return result.Status;
        }

        *fileContext = _contexts.Add(result.Context!);
        var open = (OpenFileInfo*)fileInfo;
        open->FileInfo = result.Info;
        var name = result.NormalizedName.AsSpan();
        if (open->NormalizedName is not null && name.Length * sizeof(char) <= open->NormalizedNameSize)
        {
            name.CopyTo(new Span<char>(open->NormalizedName, name.Length));
            open->NormalizedNameSize = (ushort)(name.Length * sizeof(char));
        }

        return NtStatus.Success;
    }

    private static int Answered(IoResult result, FspFileInfo* fileInfo)
    {
        if (result.Status == NtStatus.Success)
        {
            *fileInfo = result.Info;
        }

        return result.Status;
    }

    /// <summary>Copies the mount's descriptor, or tells the size needed (STATUS_BUFFER_OVERFLOW).</summary>
    private int CopySecurity(byte* buffer, nuint* size)
    {
        if (size is null)
        {
            return NtStatus.Success;
        }

        var needed = (nuint)_securityDescriptor.Length;
        if (buffer is null || *size < needed)
        {
            *size = needed;
            return NtStatus.BufferOverflow;
        }

        _securityDescriptor.CopyTo(new Span<byte>(buffer, _securityDescriptor.Length));
        *size = needed;
        return NtStatus.Success;
    }
}
