using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FsMount.Core.Errors;
using FsMount.Core.Vfs;
using FsMount.Fuse.Dispatch;
using FsMount.Fuse.Protocol;
using Microsoft.Extensions.Logging;

namespace FsMount.Fuse.Bridge;

/// <summary>
/// The only part of the FUSE layer that knows the core: one short handler per opcode that decodes
/// the request, calls <see cref="IVirtualFileSystem"/> and encodes the reply. No policy lives here:
/// what a write, a rename or a read-only mount means is the core's answer, translated by
/// <see cref="Errno"/>. Opcodes nothing registers answer ENOSYS (see <see cref="OpcodeTable"/>).
/// </summary>
internal sealed partial class CoreBridge
{
    private const uint StatFsBlockSize = 4096;
    private const uint MaxNameLength = 255;

    private readonly IVirtualFileSystem _fileSystem;
    private readonly AttributeEncoder _attributes;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public CoreBridge(IVirtualFileSystem fileSystem, AttributeEncoder attributes, TimeProvider time, ILogger logger)
    {
        _fileSystem = fileSystem;
        _attributes = attributes;
        _time = time;
        _logger = logger;
    }

    public OpcodeTable CreateTable()
    {
        var table = new OpcodeTable(ErrorOf);
        table.Register(FuseOpcode.Lookup, 1, LookupAsync);
        table.Register(FuseOpcode.Forget, Unsafe.SizeOf<ForgetIn>(), Forget);
        table.Register(FuseOpcode.BatchForget, Unsafe.SizeOf<BatchForgetIn>(), BatchForget);
        table.Register(FuseOpcode.GetAttr, 0, GetAttributesAsync);
        table.Register(FuseOpcode.Statx, Unsafe.SizeOf<StatxIn>(), StatxAsync);
        table.Register(FuseOpcode.Access, Unsafe.SizeOf<AccessIn>(), CheckAccessAsync);
        table.Register(FuseOpcode.SetAttr, Unsafe.SizeOf<SetAttrIn>(), SetAttributesAsync);
        table.Register(FuseOpcode.StatFs, 0, StatisticsAsync);
        RegisterDirectories(table);
        RegisterFiles(table);
        RegisterNames(table);
        RegisterExtendedAttributes(table);
        RegisterFileControl(table);
        return table;
    }

    private async ValueTask LookupAsync(FuseRequest request)
    {
        var result = await _fileSystem.LookupAsync(request.NodeId, request.ReadName(0), request.CancellationToken);
        if (result.Error == FsError.NotFound && _attributes.RemembersMisses)
        {
            request.ReplyNegativeEntry(_attributes.NegativeEntryOut());
            return;
        }

        ReplyEntry(request, result);
    }

    private ValueTask Forget(FuseRequest request)
    {
        _fileSystem.Forget(request.NodeId, request.Read<ForgetIn>().LookupCount);
        return ValueTask.CompletedTask;
    }

    private ValueTask BatchForget(FuseRequest request)
    {
        var count = request.Read<BatchForgetIn>().Count;
        var records = request.Body[Unsafe.SizeOf<BatchForgetIn>()..];
        for (var i = 0; i < count && (i + 1) * Unsafe.SizeOf<ForgetOne>() <= records.Length; i++)
        {
            var forget = MemoryMarshal.Read<ForgetOne>(records[(i * Unsafe.SizeOf<ForgetOne>())..]);
            _fileSystem.Forget(forget.NodeId, forget.LookupCount);
        }

        return ValueTask.CompletedTask;
    }

    private async ValueTask GetAttributesAsync(FuseRequest request) =>
        ReplyAttributes(request, await _fileSystem.GetAttributesAsync(request.NodeId, request.CancellationToken));

    // Kernels send STATX for the birth time (coreutils' stat asks for it); they cache the answer as GETATTR's.
    private async ValueTask StatxAsync(FuseRequest request)
    {
        var result = await _fileSystem.GetAttributesAsync(request.NodeId, request.CancellationToken);
        if (result.IsSuccess)
        {
            request.Reply(_attributes.StatxOut(result.Value));
        }
        else
        {
            request.ReplyError(Errno.From(result.Error));
        }
    }

    // Sent for access(2) and chdir, since the kernel checks no permission bits itself (no default_permissions).
    private async ValueTask CheckAccessAsync(FuseRequest request)
    {
        var modes = AccessModesOf(request.Read<AccessIn>().Mask);
        ReplyStatus(request, await _fileSystem.CheckAccessAsync(request.NodeId, modes, request.CancellationToken));
    }

    /// <summary>access(2)'s mode bits (R_OK, W_OK, X_OK) in the core's terms.</summary>
    internal static AccessModes AccessModesOf(uint mask) =>
        ((mask & AccessIn.Read) != 0 ? AccessModes.Read : AccessModes.None)
        | ((mask & AccessIn.Write) != 0 ? AccessModes.Write : AccessModes.None)
        | ((mask & AccessIn.Execute) != 0 ? AccessModes.Execute : AccessModes.None);

    // Owners are accepted and ignored (the service keeps none), so `cp -p` and `rsync -a` as root succeed.
    private async ValueTask SetAttributesAsync(FuseRequest request)
    {
        var setAttributes = request.Read<SetAttrIn>();
        var valid = setAttributes.Valid;
        var now = _time.GetUtcNow();
        var changes = new AttributeChanges
        {
            Size = (valid & SetAttrIn.ValidSize) != 0 ? (long)setAttributes.Size : null,
            LastWriteTime = (valid & SetAttrIn.ValidMTimeNow) != 0 ? now
                : (valid & SetAttrIn.ValidMTime) != 0 ? TimeOf(setAttributes.MTime, setAttributes.MTimeNsec) : null,
            LastAccessTime = (valid & SetAttrIn.ValidATimeNow) != 0 ? now
                : (valid & SetAttrIn.ValidATime) != 0 ? TimeOf(setAttributes.ATime, setAttributes.ATimeNsec) : null,
            Permissions = (valid & SetAttrIn.ValidMode) != 0 ? setAttributes.Mode & AttributeEncoder.PermissionMask : null,
        };
        ulong? handle = (valid & SetAttrIn.ValidHandle) != 0 ? setAttributes.Handle : null;
        ReplyAttributes(request, await _fileSystem.SetAttributesAsync(request.NodeId, handle, changes, request.CancellationToken));
    }

    private async ValueTask StatisticsAsync(FuseRequest request)
    {
        var result = await _fileSystem.GetStatisticsAsync(request.CancellationToken);
        if (!result.IsSuccess)
        {
            request.ReplyError(Errno.From(result.Error));
            return;
        }

        var free = (ulong)Math.Max(result.Value.FreeBytes, 0) / StatFsBlockSize;
        request.Reply(new StatFsOut
        {
            Blocks = (ulong)Math.Max(result.Value.TotalBytes, 0) / StatFsBlockSize,
            FreeBlocks = free,
            AvailableBlocks = free,
            BlockSize = StatFsBlockSize,
            FragmentSize = StatFsBlockSize,
            NameLength = MaxNameLength,
        });
    }

    /// <summary>Replies with an entry; a reply the kernel no longer takes gives the lookup reference back.</summary>
    private void ReplyEntry(FuseRequest request, FsResult<NodeAttributes> result)
    {
        if (!result.IsSuccess)
        {
            request.ReplyError(Errno.From(result.Error));
        }
        else if (!request.Reply(_attributes.EntryOut(result.Value)))
        {
            _fileSystem.Forget(result.Value.NodeId, 1);
        }
    }

    private void ReplyAttributes(FuseRequest request, FsResult<NodeAttributes> result)
    {
        if (result.IsSuccess)
        {
            request.Reply(_attributes.AttrOut(result.Value));
        }
        else
        {
            request.ReplyError(Errno.From(result.Error));
        }
    }

    private static void ReplyStatus(FuseRequest request, FsError error)
    {
        if (error == FsError.None)
        {
            request.ReplyEmpty();
        }
        else
        {
            request.ReplyError(Errno.From(error));
        }
    }

    private static DateTimeOffset TimeOf(ulong seconds, uint nanoseconds) =>
        DateTimeOffset.UnixEpoch.AddTicks(((long)seconds * TimeSpan.TicksPerSecond) + (nanoseconds / TimeSpan.NanosecondsPerTick));

    private LinuxErrno ErrorOf(Exception exception, FuseOpcode opcode)
    {
        switch (exception)
        {
            case FsException { Error: not FsError.None } failure:
                return Errno.From(failure.Error);
            case OperationCanceledException:
                return LinuxErrno.EINTR;
            default:
                Log.HandlerFailed(_logger, exception, opcode);
                return LinuxErrno.EIO;
        }
    }
}
