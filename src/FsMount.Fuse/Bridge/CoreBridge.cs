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
/// the request, calls <see cref="IVirtualFileSystem"/> and encodes the reply. The mount is
/// read-only for now: every opcode that would change something answers EROFS.
/// </summary>
internal sealed class CoreBridge
{
    private const uint OpenTruncate = 0x200;    // O_TRUNC
    private const uint StatFsBlockSize = 4096;
    private const uint MaxNameLength = 255;
    private const ulong UnknownIno = 0xffffffff; // FUSE_UNKNOWN_INO: ".." of a directory whose parent is not known here

    private static readonly FuseOpcode[] s_writeOpcodes =
    [
        FuseOpcode.SetAttr, FuseOpcode.MkNod, FuseOpcode.MkDir, FuseOpcode.Unlink, FuseOpcode.RmDir,
        FuseOpcode.Rename, FuseOpcode.Rename2, FuseOpcode.Link, FuseOpcode.Symlink, FuseOpcode.Write,
        FuseOpcode.Create, FuseOpcode.Fallocate, FuseOpcode.SetXAttr, FuseOpcode.RemoveXAttr,
        FuseOpcode.CopyFileRange,
    ];

    private readonly IVirtualFileSystem _fileSystem;
    private readonly AttributeEncoder _attributes;
    private readonly ILogger _logger;
    private readonly DirectorySnapshots _directories = new();

    public CoreBridge(IVirtualFileSystem fileSystem, AttributeEncoder attributes, ILogger logger)
    {
        _fileSystem = fileSystem;
        _attributes = attributes;
        _logger = logger;
    }

    public OpcodeTable CreateTable()
    {
        var table = new OpcodeTable(ErrorOf);
        table.Register(FuseOpcode.Lookup, 1, LookupAsync);
        table.Register(FuseOpcode.Forget, Unsafe.SizeOf<ForgetIn>(), Forget);
        table.Register(FuseOpcode.BatchForget, Unsafe.SizeOf<BatchForgetIn>(), BatchForget);
        table.Register(FuseOpcode.GetAttr, 0, GetAttributesAsync);
        table.Register(FuseOpcode.OpenDir, Unsafe.SizeOf<OpenIn>(), OpenDirectoryAsync);
        table.Register(FuseOpcode.ReadDir, Unsafe.SizeOf<ReadIn>(), request => ReadDirectory(request, plus: false));
        table.Register(FuseOpcode.ReadDirPlus, Unsafe.SizeOf<ReadIn>(), request => ReadDirectory(request, plus: true));
        table.Register(FuseOpcode.ReleaseDir, Unsafe.SizeOf<ReleaseIn>(), ReleaseDirectory);
        table.Register(FuseOpcode.Open, Unsafe.SizeOf<OpenIn>(), OpenAsync);
        table.Register(FuseOpcode.Read, Unsafe.SizeOf<ReadIn>(), ReadAsync);
        table.Register(FuseOpcode.Release, Unsafe.SizeOf<ReleaseIn>(), ReleaseAsync);
        table.Register(FuseOpcode.Flush, 0, Flush);
        table.Register(FuseOpcode.StatFs, 0, StatisticsAsync);
        foreach (var opcode in s_writeOpcodes)
        {
            table.Register(opcode, 0, ReadOnly);
        }

        return table;
    }

    private async ValueTask LookupAsync(FuseRequest request)
    {
        var result = await _fileSystem.LookupAsync(request.NodeId, request.ReadName(0), request.CancellationToken);
        if (!result.IsSuccess)
        {
            request.ReplyError(Errno.From(result.Error));
        }
        else if (!request.Reply(_attributes.EntryOut(result.Value)))
        {
            // The kernel never got the entry, so it will never forget it.
            _fileSystem.Forget(result.Value.NodeId, 1);
        }
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

    private async ValueTask GetAttributesAsync(FuseRequest request)
    {
        var result = await _fileSystem.GetAttributesAsync(request.NodeId, request.CancellationToken);
        if (result.IsSuccess)
        {
            request.Reply(_attributes.AttrOut(result.Value));
        }
        else
        {
            request.ReplyError(Errno.From(result.Error));
        }
    }

    private async ValueTask OpenDirectoryAsync(FuseRequest request)
    {
        var result = await _fileSystem.ReadDirectoryAsync(request.NodeId, request.CancellationToken);
        if (!result.IsSuccess)
        {
            request.ReplyError(Errno.From(result.Error));
            return;
        }

        var handle = _directories.Add(new DirectorySnapshot(request.NodeId, result.Value));
        if (!request.Reply(new OpenOut { Handle = handle }))
        {
            _directories.Remove(handle);
        }
    }

    // Entry i of the listing is ".", "..", then the snapshot; its cookie is i + 1, so a READDIR at
    // offset o continues with entry o.
    private ValueTask ReadDirectory(FuseRequest request, bool plus)
    {
        var read = request.Read<ReadIn>();
        if (!_directories.TryGet(read.Handle, out var snapshot))
        {
            request.ReplyError(LinuxErrno.EBADF);
            return ValueTask.CompletedTask;
        }

        using var frame = ReplyFrame.Rent((int)Math.Min(read.Size, InitNegotiation.MaxWrite));
        var used = 0;
        var total = snapshot.Entries.Count + 2;
        var first = (int)Math.Min(read.Offset, (ulong)total);
        var next = first;
        while (next < total && TryAppend(frame.Payload, ref used, snapshot, next, plus))
        {
            next++;
        }

        if (!request.Reply(frame, used) && plus)
        {
            for (var index = Math.Max(first, 2); index < next; index++)
            {
                _fileSystem.Forget(snapshot.Entries[index - 2].Attributes.NodeId, 1);
            }
        }

        return ValueTask.CompletedTask;
    }

    private bool TryAppend(Span<byte> payload, ref int used, DirectorySnapshot snapshot, int index, bool plus)
    {
        var cookie = (ulong)index + 1;
        if (index < 2)
        {
            var ino = index == 0 || snapshot.NodeId == IVirtualFileSystem.RootNodeId ? snapshot.NodeId : UnknownIno;
            var name = index == 0 ? "." : "..";

            // A READDIRPLUS entry with node id 0 carries no attributes and no lookup reference.
            return plus
                ? DirentWriter.TryAppendPlus(payload, ref used, default, ino, cookie, DirentWriter.TypeDirectory, name)
                : DirentWriter.TryAppend(payload, ref used, ino, cookie, DirentWriter.TypeDirectory, name);
        }

        var entry = snapshot.Entries[index - 2];
        var attributes = entry.Attributes;
        var type = AttributeEncoder.DirentType(attributes);
        if (!plus)
        {
            return DirentWriter.TryAppend(payload, ref used, attributes.NodeId, cookie, type, entry.Name);
        }

        if (!DirentWriter.TryAppendPlus(payload, ref used, _attributes.EntryOut(attributes), attributes.NodeId, cookie, type, entry.Name))
        {
            return false;
        }

        _fileSystem.Retain(attributes.NodeId);
        return true;
    }

    private ValueTask ReleaseDirectory(FuseRequest request)
    {
        _directories.Remove(request.Read<ReleaseIn>().Handle);
        request.ReplyEmpty();
        return ValueTask.CompletedTask;
    }

    private async ValueTask OpenAsync(FuseRequest request)
    {
        var flags = request.Read<OpenIn>().Flags;
        if ((flags & OpenIn.AccessModeMask) != OpenIn.ReadOnly || (flags & OpenTruncate) != 0)
        {
            request.ReplyError(LinuxErrno.EROFS);
            return;
        }

        var result = await _fileSystem.OpenAsync(request.NodeId, request.CancellationToken);
        if (!result.IsSuccess)
        {
            request.ReplyError(Errno.From(result.Error));
        }
        else if (!request.Reply(new OpenOut { Handle = result.Value }))
        {
            await _fileSystem.ReleaseAsync(result.Value);
        }
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

    private async ValueTask ReleaseAsync(FuseRequest request)
    {
        await _fileSystem.ReleaseAsync(request.Read<ReleaseIn>().Handle);
        request.ReplyEmpty();
    }

    // Answered, never ENOSYS: one ENOSYS switches FLUSH off for the whole mount, and FLUSH is where
    // uploads on close will report their errors.
    private static ValueTask Flush(FuseRequest request)
    {
        request.ReplyEmpty();
        return ValueTask.CompletedTask;
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

    private static ValueTask ReadOnly(FuseRequest request)
    {
        request.ReplyError(LinuxErrno.EROFS);
        return ValueTask.CompletedTask;
    }

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
