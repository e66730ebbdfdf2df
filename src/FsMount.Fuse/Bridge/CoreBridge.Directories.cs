using System.Runtime.CompilerServices;
using FsMount.Core.Vfs;
using FsMount.Fuse.Dispatch;
using FsMount.Fuse.Protocol;

namespace FsMount.Fuse.Bridge;

/// <content>Directories: open, read (with or without attributes), release, create and remove.</content>
internal sealed partial class CoreBridge
{
    private const ulong UnknownIno = 0xffffffff; // FUSE_UNKNOWN_INO: ".." of a directory whose parent is not known here

    private void RegisterDirectories(OpcodeTable table)
    {
        table.Register(FuseOpcode.OpenDir, Unsafe.SizeOf<OpenIn>(), OpenDirectoryAsync);
        table.Register(FuseOpcode.ReadDir, Unsafe.SizeOf<ReadIn>(), request => ReadDirectory(request, plus: false));
        table.Register(FuseOpcode.ReadDirPlus, Unsafe.SizeOf<ReadIn>(), request => ReadDirectory(request, plus: true));
        table.Register(FuseOpcode.ReleaseDir, Unsafe.SizeOf<ReleaseIn>(), ReleaseDirectory);
        table.Register(FuseOpcode.FsyncDir, Unsafe.SizeOf<FsyncIn>(), SyncDirectory);
        table.Register(FuseOpcode.MkDir, Unsafe.SizeOf<MkDirIn>() + 1, CreateDirectoryAsync);
        table.Register(FuseOpcode.RmDir, 1, RemoveDirectoryAsync);
    }

    private async ValueTask OpenDirectoryAsync(FuseRequest request)
    {
        var result = await _fileSystem.OpenDirectoryAsync(request.NodeId, request.CancellationToken);
        if (!result.IsSuccess)
        {
            request.ReplyError(Errno.From(result.Error));
        }
        else if (!request.Reply(new OpenOut { Handle = result.Value }))
        {
            _fileSystem.ReleaseDirectory(result.Value);
        }
    }

    // Entry i of the listing is ".", "..", then the snapshot; its cookie is i + 1, so a READDIR at
    // offset o continues with entry o.
    private ValueTask ReadDirectory(FuseRequest request, bool plus)
    {
        var read = request.Read<ReadIn>();
        var snapshot = _fileSystem.ReadDirectory(read.Handle);
        if (!snapshot.IsSuccess)
        {
            request.ReplyError(Errno.From(snapshot.Error));
            return ValueTask.CompletedTask;
        }

        var entries = snapshot.Value;
        using var frame = ReplyFrame.Rent((int)Math.Min(read.Size, InitNegotiation.MaxWrite));
        var used = 0;
        var total = entries.Count + 2;
        var first = (int)Math.Min(read.Offset, (ulong)total);
        var next = first;
        while (next < total && TryAppend(frame.Payload, ref used, read.Handle, request.NodeId, entries, next, plus))
        {
            next++;
        }

        if (!request.Reply(frame, used) && plus)
        {
            for (var index = Math.Max(first, 2); index < next; index++)
            {
                _fileSystem.Forget(entries[index - 2].Attributes.NodeId, 1);
            }
        }

        return ValueTask.CompletedTask;
    }

    private bool TryAppend(Span<byte> payload, ref int used, ulong handle, ulong directoryId, IReadOnlyList<DirectoryEntry> entries, int index, bool plus)
    {
        var cookie = (ulong)index + 1;
        if (index < 2)
        {
            var ino = index == 0 || directoryId == IVirtualFileSystem.RootNodeId ? directoryId : UnknownIno;
            var name = index == 0 ? "." : "..";

            // A READDIRPLUS entry with node id 0 carries no attributes and no lookup reference.
            return plus
                ? DirentWriter.TryAppendPlus(payload, ref used, default, ino, cookie, DirentWriter.TypeDirectory, name)
                : DirentWriter.TryAppend(payload, ref used, ino, cookie, DirentWriter.TypeDirectory, name);
        }

        var entry = entries[index - 2];
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

        // Taken on the snapshot's own node, so a refresh since OPENDIR cannot have made its id unknown.
        _fileSystem.RetainDirectoryEntry(handle, index - 2);
        return true;
    }

    private ValueTask ReleaseDirectory(FuseRequest request)
    {
        _fileSystem.ReleaseDirectory(request.Read<ReleaseIn>().Handle);
        request.ReplyEmpty();
        return ValueTask.CompletedTask;
    }

    // Folder entries are the service's to keep: nothing of ours to make durable.
    private static ValueTask SyncDirectory(FuseRequest request)
    {
        request.ReplyEmpty();
        return ValueTask.CompletedTask;
    }

    private async ValueTask CreateDirectoryAsync(FuseRequest request)
    {
        var mkdir = request.Read<MkDirIn>();
        var name = request.ReadName(Unsafe.SizeOf<MkDirIn>());
        ReplyEntry(request, await _fileSystem.CreateDirectoryAsync(request.NodeId, name, mkdir.Mode & AttributeEncoder.PermissionMask, request.CancellationToken));
    }

    private async ValueTask RemoveDirectoryAsync(FuseRequest request) =>
        ReplyStatus(request, await _fileSystem.RemoveDirectoryAsync(request.NodeId, request.ReadName(0), request.CancellationToken));
}
