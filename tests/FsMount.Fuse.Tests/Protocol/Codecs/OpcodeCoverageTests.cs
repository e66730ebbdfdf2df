using FsMount.Fuse.Bridge;
using FsMount.Fuse.Protocol;
using FsMount.Fuse.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace FsMount.Fuse.Tests.Protocol.Codecs;

/// <summary>Every opcode up to 7.45 has a decision: a handler, the session's own, or ENOSYS on purpose.</summary>
public sealed class OpcodeCoverageTests
{
    // Answered by the session itself (INIT, INTERRUPT, DESTROY), or never answered (NOTIFY_REPLY).
    private static readonly FuseOpcode[] s_session = [FuseOpcode.Init, FuseOpcode.Interrupt, FuseOpcode.Destroy, FuseOpcode.NotifyReply];

    // Not sent to a server like this one, or best remembered as absent (see the FUSE README's Decisions).
    private static readonly FuseOpcode[] s_enosys =
    [
        FuseOpcode.GetLk, FuseOpcode.SetLk, FuseOpcode.SetLkW, FuseOpcode.Bmap,
        FuseOpcode.SetupMapping, FuseOpcode.RemoveMapping, FuseOpcode.SyncFs, FuseOpcode.TmpFile,
    ];

    [Fact]
    public void Every_opcode_has_a_handler_or_is_the_session_s_or_is_deliberately_ENOSYS()
    {
        var options = new FuseMountOptions();
        var table = new CoreBridge(new TestFileSystem(), new AttributeEncoder(options, 0, 0), TimeProvider.System, NullLogger.Instance).CreateTable();

        foreach (var opcode in Enum.GetValues<FuseOpcode>())
        {
            var handled = table.TryGet((uint)opcode, out _, out _);
            var decided = s_session.Contains(opcode) || s_enosys.Contains(opcode);
            Assert.True(handled != decided, $"{opcode}: handled={handled}, listed={decided}");
        }
    }
}
