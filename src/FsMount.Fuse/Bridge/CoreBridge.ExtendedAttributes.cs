using System.Runtime.CompilerServices;
using System.Text;
using FsMount.Core.Errors;
using FsMount.Fuse.Dispatch;
using FsMount.Fuse.Protocol;

namespace FsMount.Fuse.Bridge;

/// <content>
/// Extended attributes, as the core keeps them. Never ENOSYS: the kernel would stop asking, and a
/// later version that shows attributes could not be seen without a remount.
/// </content>
internal sealed partial class CoreBridge
{
    private void RegisterExtendedAttributes(OpcodeTable table)
    {
        table.Register(FuseOpcode.GetXAttr, Unsafe.SizeOf<GetXAttrIn>() + 1, GetExtendedAttributeAsync);
        table.Register(FuseOpcode.ListXAttr, Unsafe.SizeOf<GetXAttrIn>(), ListExtendedAttributesAsync);
        table.Register(FuseOpcode.SetXAttr, Unsafe.SizeOf<SetXAttrIn>() + 1, SetExtendedAttributeAsync);
        table.Register(FuseOpcode.RemoveXAttr, 1, RemoveExtendedAttributeAsync);
    }

    private async ValueTask GetExtendedAttributeAsync(FuseRequest request)
    {
        var size = request.Read<GetXAttrIn>().Size;
        var name = request.ReadName(Unsafe.SizeOf<GetXAttrIn>());
        var result = await _fileSystem.GetExtendedAttributeAsync(request.NodeId, name, request.CancellationToken);
        if (result.IsSuccess)
        {
            ReplySized(request, size, result.Value);
        }
        else
        {
            request.ReplyError(Errno.From(result.Error));
        }
    }

    // The list is every name followed by a NUL, as listxattr(2) returns it.
    private async ValueTask ListExtendedAttributesAsync(FuseRequest request)
    {
        var size = request.Read<GetXAttrIn>().Size;
        var result = await _fileSystem.ListExtendedAttributesAsync(request.NodeId, request.CancellationToken);
        if (result.IsSuccess)
        {
            ReplySized(request, size, Encoding.UTF8.GetBytes(string.Concat(result.Value.Select(name => name + '\0'))));
        }
        else
        {
            request.ReplyError(Errno.From(result.Error));
        }
    }

    private async ValueTask SetExtendedAttributeAsync(FuseRequest request)
    {
        var set = request.Read<SetXAttrIn>();
        var namesOffset = Unsafe.SizeOf<SetXAttrIn>();
        var name = request.ReadName(namesOffset);
        var valueOffset = namesOffset + Encoding.UTF8.GetByteCount(name) + 1;
        if (request.Body.Length < valueOffset + set.Size)
        {
            request.ReplyError(LinuxErrno.EINVAL);
            return;
        }

        var value = request.BodyMemory.Slice(valueOffset, (int)set.Size);
        ReplyStatus(request, await _fileSystem.SetExtendedAttributeAsync(request.NodeId, name, value, request.CancellationToken));
    }

    private async ValueTask RemoveExtendedAttributeAsync(FuseRequest request) =>
        ReplyStatus(request, await _fileSystem.RemoveExtendedAttributeAsync(request.NodeId, request.ReadName(0), request.CancellationToken));

    // A size of 0 asks how long the answer is; a buffer too small for it is ERANGE.
    private static void ReplySized(FuseRequest request, uint size, ReadOnlySpan<byte> value)
    {
        if (size == 0)
        {
            request.Reply(new GetXAttrOut { Size = (uint)value.Length });
        }
        else if (value.Length > size)
        {
            request.ReplyError(LinuxErrno.ERANGE);
        }
        else
        {
            using var frame = ReplyFrame.Rent(value.Length);
            value.CopyTo(frame.Payload);
            request.Reply(frame, value.Length);
        }
    }
}
