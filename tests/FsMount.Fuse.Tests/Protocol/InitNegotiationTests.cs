using FsMount.Fuse.Protocol;
using FsMount.Fuse.Tests.Support;

namespace FsMount.Fuse.Tests.Protocol;

public sealed class InitNegotiationTests
{
    // The first request kernel 6.18 sent: len=104, opcode=26 (INIT), unique=2, then fuse_init_in
    // {major 7, minor 45, max_readahead 131072, flags 0x73fffffb, flags2 0x5fd, unused[11]}.
    private const string KernelInit =
        "68000000" + "1a000000" + "0200000000000000" + "0000000000000000" + "00000000" + "00000000" + "00000000" + "0000" + "0000" +
        "07000000" + "2d000000" + "00000200" + "fbffff73" + "fd050000" + "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000";

    // fuse_out_header {len 80, error 0, unique 2}, then fuse_init_out {7, 31, max_readahead 131072,
    // flags ASYNC_READ|ATOMIC_O_TRUNC|BIG_WRITES|DO_READDIRPLUS|READDIRPLUS_AUTO|PARALLEL_DIROPS|MAX_PAGES,
    // max_background 64, congestion_threshold 48, max_write 1 MiB, time_gran 1, max_pages 256, rest 0}.
    private const string ExpectedReply =
        "50000000" + "00000000" + "0200000000000000" +
        "07000000" + "1f000000" + "00000200" + "29604400" + "4000" + "3000" + "00001000" + "01000000" + "0001" + "0000" +
        "00000000" + "00000000" + "0000" + "00000000000000000000000000000000000000000000";

    [Fact]
    public async Task Golden_init_from_kernel_6_18_gets_the_exact_reply()
    {
        var request = Convert.FromHexString(KernelInit);
        Assert.Equal(104, request.Length);
        await using var harness = FuseHarness.Start(new TestFileSystem());

        harness.Channel.Send(request);
        var reply = await harness.Channel.ReplyTo(2);

        Assert.Equal(ExpectedReply, Convert.ToHexStringLower(reply.Bytes));
    }

    [Fact]
    public void Only_flags_the_kernel_offered_are_taken()
    {
        var kernel = new InitIn { Major = 7, Minor = 45, MaxReadahead = 65536, Flags = (uint)(InitFlags.AsyncRead | InitFlags.MaxPages) | 0x10000 };

        var answer = InitNegotiation.Answer(kernel, 64, 48);

        Assert.Equal((uint)(InitFlags.AsyncRead | InitFlags.MaxPages), answer.Reply.Flags);
        Assert.Equal(65536u, answer.Reply.MaxReadahead);
    }

    [Fact]
    public void An_older_kernel_minor_is_served_in_its_own_minor()
    {
        var answer = InitNegotiation.Answer(new InitIn { Major = 7, Minor = 28 }, 64, 48);

        Assert.Equal(7u, answer.Reply.Major);
        Assert.Equal(28u, answer.Reply.Minor);
        Assert.Equal(64, answer.Length);
    }

    [Fact]
    public async Task A_kernel_too_old_is_answered_EPROTO()
    {
        await using var harness = FuseHarness.Start(new TestFileSystem());

        var reply = await harness.CallAsync(FuseOpcode.Init, 0, FuseMessages.Body(new InitIn { Major = 7, Minor = 11 }));

        Assert.Equal(LinuxErrno.EPROTO, reply.Error);
        Assert.Equal(16, reply.Bytes.Length);
    }
}
