using System.Runtime.CompilerServices;
using FsMount.Core.Errors;
using FsMount.Core.Vfs;
using FsMount.Fuse.Dispatch;
using FsMount.Fuse.Protocol;

namespace FsMount.Fuse.Bridge;

/// <content>Files: open and create, read and write, flush, fsync, release, allocate.</content>
internal sealed partial class CoreBridge
{
    private const uint FileTypeMask = 0xF000;    // S_IFMT
    private const uint RegularFile = 0x8000;     // S_IFREG

    private void RegisterFiles(OpcodeTable table)
    {
        table.Register(FuseOpcode.Open, Unsafe.SizeOf<OpenIn>(), OpenAsync);
        table.Register(FuseOpcode.Create, Unsafe.SizeOf<CreateIn>() + 1, CreateAsync);
        table.Register(FuseOpcode.MkNod, Unsafe.SizeOf<MkNodIn>() + 1, MakeNodeAsync);
        table.Register(FuseOpcode.Read, Unsafe.SizeOf<ReadIn>(), ReadAsync);
        table.Register(FuseOpcode.Write, Unsafe.SizeOf<WriteIn>(), WriteAsync);
        table.Register(FuseOpcode.Flush, Unsafe.SizeOf<FlushIn>(), FlushAsync);
        table.Register(FuseOpcode.Fsync, Unsafe.SizeOf<FsyncIn>(), SyncAsync);
        table.Register(FuseOpcode.Release, Unsafe.SizeOf<ReleaseIn>(), ReleaseAsync);
        table.Register(FuseOpcode.Fallocate, Unsafe.SizeOf<FallocateIn>(), AllocateAsync);
    }

    private async ValueTask OpenAsync(FuseRequest request)
    {
        var result = await _fileSystem.OpenAsync(request.NodeId, OptionsOf(request.Read<OpenIn>().Flags), request.CancellationToken);
        if (!result.IsSuccess)
        {
            request.ReplyError(Errno.From(result.Error));
        }
        else if (!request.Reply(new OpenOut { Handle = result.Value.HandleId, OpenFlags = result.Value.KeepCache ? OpenOut.KeepCache : 0 }))
        {
            await _fileSystem.ReleaseAsync(result.Value.HandleId);
        }
    }

    private async ValueTask CreateAsync(FuseRequest request)
    {
        var create = request.Read<CreateIn>();
        var name = request.ReadName(Unsafe.SizeOf<CreateIn>());
        var result = await _fileSystem.CreateAsync(
            request.NodeId,
            name,
            create.Mode & AttributeEncoder.PermissionMask,
            exclusive: (create.Flags & OpenIn.Exclusive) != 0,
            OptionsOf(create.Flags),
            request.CancellationToken);
        if (!result.IsSuccess)
        {
            request.ReplyError(Errno.From(result.Error));
            return;
        }

        var created = new CreateOut { Entry = _attributes.EntryOut(result.Value.Attributes), Open = new OpenOut { Handle = result.Value.HandleId } };
        if (!request.Reply(created))
        {
            await _fileSystem.ReleaseAsync(result.Value.HandleId);
            _fileSystem.Forget(result.Value.Attributes.NodeId, 1);
        }
    }

    // Only regular files: the service has no place for devices, fifos or sockets.
    private async ValueTask MakeNodeAsync(FuseRequest request)
    {
        var node = request.Read<MkNodIn>();
        if ((node.Mode & FileTypeMask) != RegularFile)
        {
            request.ReplyError(Errno.From(FsError.NotPermitted));
            return;
        }

        var name = request.ReadName(Unsafe.SizeOf<MkNodIn>());
        ReplyEntry(request, await _fileSystem.MakeFileAsync(request.NodeId, name, node.Mode & AttributeEncoder.PermissionMask, request.CancellationToken));
    }

    private async ValueTask ReadAsync(FuseRequest request)
    {
        var read = request.Read<ReadIn>();
        var size = (int)Math.Min(read.Size, InitNegotiation.MaxWrite);
        using var frame = ReplyFrame.Rent(size);
        var result = await _fileSystem.ReadAsync(read.Handle, (long)read.Offset, frame.PayloadMemory[..size], request.CancellationToken);
        if (result.IsSuccess)
        {
            request.Reply(frame, result.Value);
        }
        else
        {
            request.ReplyError(Errno.From(result.Error));
        }
    }

    private async ValueTask WriteAsync(FuseRequest request)
    {
        var write = request.Read<WriteIn>();
        var data = request.BodyMemory[Unsafe.SizeOf<WriteIn>()..];
        if (data.Length < write.Size)
        {
            request.ReplyError(LinuxErrno.EINVAL);
            return;
        }

        var result = await _fileSystem.WriteAsync(write.Handle, (long)write.Offset, data[..(int)write.Size], request.CancellationToken);
        if (result.IsSuccess)
        {
            request.Reply(new WriteOut { Size = (uint)result.Value });
        }
        else
        {
            request.ReplyError(Errno.From(result.Error));
        }
    }

    // Sent at every close(2): its error becomes close's, so this is where a failed write is reported.
    private async ValueTask FlushAsync(FuseRequest request) =>
        ReplyStatus(request, await _fileSystem.FlushAsync(request.Read<FlushIn>().Handle, request.CancellationToken));

    private async ValueTask SyncAsync(FuseRequest request) =>
        ReplyStatus(request, await _fileSystem.SyncAsync(request.Read<FsyncIn>().Handle, request.CancellationToken));

    private async ValueTask ReleaseAsync(FuseRequest request)
    {
        await _fileSystem.ReleaseAsync(request.Read<ReleaseIn>().Handle);
        request.ReplyEmpty();
    }

    // Plain allocation only: punching holes or keeping the size are not something staging can promise.
    private async ValueTask AllocateAsync(FuseRequest request)
    {
        var allocate = request.Read<FallocateIn>();
        if (allocate.Mode != 0)
        {
            request.ReplyError(Errno.From(FsError.NotSupported));
            return;
        }

        ReplyStatus(request, await _fileSystem.AllocateAsync(allocate.Handle, (long)allocate.Offset, (long)allocate.Length, request.CancellationToken));
    }

    internal static OpenOptions OptionsOf(uint flags) => new(
        (flags & OpenIn.AccessModeMask) switch
        {
            OpenIn.WriteOnly => FileAccessMode.Write,
            OpenIn.ReadWrite => FileAccessMode.ReadWrite,
            _ => FileAccessMode.Read,
        },
        Truncate: (flags & OpenIn.Truncate) != 0,
        Append: (flags & OpenIn.Append) != 0);
}
