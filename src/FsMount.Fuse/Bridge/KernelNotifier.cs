using System.Text;
using System.Threading.Channels;
using FsMount.Core.Vfs;
using FsMount.Fuse.Protocol;
using FsMount.Fuse.Transport;

namespace FsMount.Fuse.Bridge;

/// <summary>
/// Tells the kernel what the core learnt changed (FUSE_NOTIFY_INVAL_ENTRY and _INODE). The core's
/// calls only queue; one task writes the notifications, because a notification about a node the
/// kernel holds locked while it waits on one of our replies blocks until that reply is sent.
/// </summary>
internal sealed class KernelNotifier : IKernelCacheInvalidator
{
    private const int NameMax = 1024;

    private readonly IFuseChannel _channel;
    private readonly Channel<(ulong NodeId, string? Name, bool Content)> _queue =
        Channel.CreateUnbounded<(ulong, string?, bool)>(new UnboundedChannelOptions { SingleReader = true });

    public KernelNotifier(IFuseChannel channel)
    {
        _channel = channel;
        Completion = Task.Run(WriteAllAsync);
    }

    /// <summary>Completes once <see cref="Stop"/> was called and the queue is drained.</summary>
    public Task Completion { get; }

    public void InvalidateEntry(ulong parentNodeId, string name) => _queue.Writer.TryWrite((parentNodeId, name, false));

    public void InvalidateNode(ulong nodeId, bool content) => _queue.Writer.TryWrite((nodeId, null, content));

    /// <summary>No more notifications: the connection is ending.</summary>
    public void Stop() => _queue.Writer.TryComplete();

    private async Task WriteAllAsync()
    {
        var frame = new byte[OutHeader.Size + 24 + NameMax + 1];
        await foreach (var (nodeId, name, content) in _queue.Reader.ReadAllAsync())
        {
            int length;
            if (name is null)
            {
                // A negative offset drops the attributes only; offset 0 and length 0 drop all cached data too.
                var inode = new NotifyInvalInodeOut { NodeId = nodeId, Offset = content ? 0 : -1, Length = 0 };
                length = ReplyEncoder.Notification(frame, NotifyCode.InvalidateInode, in inode, default);
            }
            else
            {
                var bytes = Encoding.UTF8.GetBytes(name);
                if (bytes.Length > NameMax)
                {
                    continue;
                }

                var entry = new NotifyInvalEntryOut { Parent = nodeId, NameLength = (uint)bytes.Length };
                length = ReplyEncoder.Notification(frame, NotifyCode.InvalidateEntry, in entry, bytes);
            }

            // ENOENT (the kernel has nothing cached for it) is the common, harmless answer.
            _channel.WriteReply(frame.AsSpan(0, length));
        }
    }
}
