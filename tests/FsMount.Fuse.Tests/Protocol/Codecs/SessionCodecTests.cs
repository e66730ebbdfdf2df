using FsMount.Fuse.Protocol;
using FsMount.Fuse.Tests.Support;

namespace FsMount.Fuse.Tests.Protocol.Codecs;

/// <summary>
/// The protocol's own opcodes and messages, at the offsets of linux/fuse.h: INIT for older and newer
/// kernels, INTERRUPT, DESTROY, NOTIFY_REPLY, and the notifications the server sends.
/// </summary>
public sealed class SessionCodecTests
{
    [Fact]
    public async Task A_7_22_kernel_gets_the_24_byte_init_out_it_knows()
    {
        await using var harness = FuseHarness.Start(new TestFileSystem());

        var reply = await harness.CallAsync(FuseOpcode.Init, 0, new Wire(16).U32(0, 7).U32(4, 22).U32(8, 131072).U32(12, 0x1 | 0x2000).Bytes);

        Assert.Equal(OutHeader.Size + 24, reply.Bytes.Length);
        Assert.Equal(7u, Wire.ReadU32(reply.Payload, 0));
        Assert.Equal(22u, Wire.ReadU32(reply.Payload, 4));
        Assert.Equal(131072u, Wire.ReadU32(reply.Payload, 8));
        Assert.Equal(0x2001u, Wire.ReadU32(reply.Payload, 12));   // ASYNC_READ | DO_READDIRPLUS, as offered
        Assert.Equal((ushort)64, Wire.ReadU16(reply.Payload, 16)); // max_background
        Assert.Equal(1024u * 1024, Wire.ReadU32(reply.Payload, 20)); // max_write
    }

    [Fact]
    public async Task A_kernel_with_a_newer_major_is_told_ours_and_asked_again()
    {
        await using var harness = FuseHarness.Start(new TestFileSystem());

        var newer = await harness.CallAsync(FuseOpcode.Init, 0, new Wire(16).U32(0, 8).U32(4, 1).U32(8, 131072).U32(12, 0xFFFFFFFF).Bytes);
        var again = await harness.InitializeAsync();

        Assert.Equal(OutHeader.Size + 64, newer.Bytes.Length);
        Assert.Equal((7u, 31u, 0u), (Wire.ReadU32(newer.Payload, 0), Wire.ReadU32(newer.Payload, 4), Wire.ReadU32(newer.Payload, 12)));
        Assert.Equal(31u, Wire.ReadU32(again.Payload, 4));
        Assert.NotEqual(0u, Wire.ReadU32(again.Payload, 12));
    }

    [Fact]
    public async Task Notify_reply_gets_no_reply()
    {
        var harness = await FuseHarness.StartedAsync(new TestFileSystem());

        var notifyReply = harness.Send(FuseOpcode.NotifyReply, 1, new byte[40]);
        var destroy = await harness.CallAsync(FuseOpcode.Destroy, 0, []);
        await harness.Session.Completion.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(LinuxErrno.None, destroy.Error);
        Assert.False(harness.Channel.HasReplyTo(notifyReply));
    }

    [Fact]
    public async Task Notifications_are_inval_entry_and_inval_inode_at_unique_0()
    {
        var fileSystem = new TestFileSystem();
        await using var harness = await FuseHarness.StartedAsync(fileSystem);
        var notifier = new Fuse.Bridge.KernelNotifier(harness.Channel);

        notifier.InvalidateEntry(7, "film.mkv");
        notifier.InvalidateNode(9, content: true);
        notifier.InvalidateNode(10, content: false);
        notifier.Stop();
        await notifier.Completion.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        var sent = harness.Channel.Notifications.ToArray();
        Assert.Equal(3, sent.Length);
        Assert.All(sent, notification => Assert.Equal(0UL, notification.Unique));
        Assert.Equal(3, sent[0].Header.Error);                       // FUSE_NOTIFY_INVAL_ENTRY
        Assert.Equal(7UL, Wire.ReadU64(sent[0].Payload, 0));        // parent
        Assert.Equal(8u, Wire.ReadU32(sent[0].Payload, 8));         // namelen
        Assert.Equal("film.mkv\0"u8.ToArray(), sent[0].Payload[16..].ToArray());
        Assert.Equal(2, sent[1].Header.Error);                       // FUSE_NOTIFY_INVAL_INODE
        Assert.Equal((9UL, 0UL, 0UL), (Wire.ReadU64(sent[1].Payload, 0), Wire.ReadU64(sent[1].Payload, 8), Wire.ReadU64(sent[1].Payload, 16)));
        Assert.Equal(ulong.MaxValue, Wire.ReadU64(sent[2].Payload, 8)); // off -1: attributes only
    }
}
