using System.Runtime.CompilerServices;
using FsMount.Core.Errors;
using FsMount.Core.Vfs;
using FsMount.Fuse.Dispatch;
using FsMount.Fuse.Protocol;

namespace FsMount.Fuse.Bridge;

/// <content>Names: unlink, rename (with renameat2's flags), and the links the service cannot hold.</content>
internal sealed partial class CoreBridge
{
    private void RegisterNames(OpcodeTable table)
    {
        table.Register(FuseOpcode.Unlink, 1, RemoveFileAsync);
        table.Register(FuseOpcode.Rename, Unsafe.SizeOf<RenameIn>() + 2, request => RenameAsync(request, request.Read<RenameIn>().NewDirectory, flags: 0, Unsafe.SizeOf<RenameIn>()));
        table.Register(FuseOpcode.Rename2, Unsafe.SizeOf<Rename2In>() + 2, request =>
        {
            var rename = request.Read<Rename2In>();
            return RenameAsync(request, rename.NewDirectory, rename.Flags, Unsafe.SizeOf<Rename2In>());
        });

        // The service has files and folders only: links are refused (EPERM, as on FAT), never ENOSYS.
        table.Register(FuseOpcode.Link, 0, request => ReplyError(request, Errno.From(FsError.NotPermitted)));
        table.Register(FuseOpcode.Symlink, 0, request => ReplyError(request, Errno.From(FsError.NotPermitted)));

        // No node is ever a link, so the kernel has no reason to ask; readlink(2) of anything else is EINVAL.
        table.Register(FuseOpcode.ReadLink, 0, request => ReplyError(request, Errno.From(FsError.InvalidArgument)));
    }

    private async ValueTask RemoveFileAsync(FuseRequest request) =>
        ReplyStatus(request, await _fileSystem.RemoveFileAsync(request.NodeId, request.ReadName(0), request.CancellationToken));

    private async ValueTask RenameAsync(FuseRequest request, ulong newDirectory, uint flags, int namesOffset)
    {
        var (name, newName) = request.ReadTwoNames(namesOffset);
        var options = (flags & Rename2In.Exchange) != 0 ? RenameOptions.Exchange
            : (flags & Rename2In.NoReplace) != 0 ? RenameOptions.NoReplace
            : RenameOptions.Replace;
        ReplyStatus(request, await _fileSystem.RenameAsync(request.NodeId, name, newDirectory, newName, options, request.CancellationToken));
    }
}
