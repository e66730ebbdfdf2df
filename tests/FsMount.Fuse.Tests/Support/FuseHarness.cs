using FsMount.Fuse.Bridge;
using FsMount.Fuse.Dispatch;
using FsMount.Fuse.Protocol;
using Microsoft.Extensions.Logging.Abstractions;

namespace FsMount.Fuse.Tests.Support;

/// <summary>The whole server (session, dispatch table, bridge) on an in-memory channel, already past INIT.</summary>
internal sealed class FuseHarness : IAsyncDisposable
{
    public const uint OwnerUserId = 1234;
    public const uint OwnerGroupId = 5678;

    private long _lastUnique = 2;

    private FuseHarness(TestFileSystem fileSystem, InMemoryChannel channel, FuseSession session)
    {
        FileSystem = fileSystem;
        Channel = channel;
        Session = session;
    }

    public TestFileSystem FileSystem { get; }

    public InMemoryChannel Channel { get; }

    public FuseSession Session { get; }

    public static FuseHarness Start(TestFileSystem fileSystem, FuseMountOptions? options = null)
    {
        options ??= new FuseMountOptions();
        var channel = new InMemoryChannel();
        var bridge = new CoreBridge(fileSystem, new AttributeEncoder(options, OwnerUserId, OwnerGroupId), TimeProvider.System, NullLogger.Instance);
        var session = new FuseSession(channel, bridge.CreateTable(), options, NullLogger.Instance);
        return new FuseHarness(fileSystem, channel, session);
    }

    /// <summary>Starts the server and answers the golden INIT of kernel 6.18, as a mount does first.</summary>
    public static async Task<FuseHarness> StartedAsync(TestFileSystem fileSystem, FuseMountOptions? options = null)
    {
        var harness = Start(fileSystem, options);
        await harness.InitializeAsync();
        return harness;
    }

    public async Task<FuseReply> InitializeAsync()
    {
        var init = new InitIn { Major = 7, Minor = 45, MaxReadahead = 131072, Flags = 0x73fffffb };
        return await CallAsync(FuseOpcode.Init, 0, FuseMessages.Body(init));
    }

    public ulong Send(uint opcode, ulong nodeId, byte[] body)
    {
        var unique = (ulong)Interlocked.Add(ref _lastUnique, 2);
        Channel.Send(FuseMessages.Request(opcode, unique, nodeId, body));
        return unique;
    }

    public ulong Send(FuseOpcode opcode, ulong nodeId, byte[] body) => Send((uint)opcode, nodeId, body);

    public Task<FuseReply> CallAsync(uint opcode, ulong nodeId, byte[] body) => Channel.ReplyTo(Send(opcode, nodeId, body));

    public Task<FuseReply> CallAsync(FuseOpcode opcode, ulong nodeId, byte[] body) => CallAsync((uint)opcode, nodeId, body);

    public Task<FuseReply> LookupAsync(ulong parent, string name) =>
        CallAsync(FuseOpcode.Lookup, parent, FuseMessages.Name(name));

    public async Task<ulong> OpenAsync(FuseOpcode opcode, ulong nodeId)
    {
        var reply = await CallAsync(opcode, nodeId, FuseMessages.Body(new OpenIn { Flags = OpenIn.ReadOnly }));
        Assert.Equal(LinuxErrno.None, reply.Error);
        return reply.Read<OpenOut>().Handle;
    }

    public Task<FuseReply> ReadAsync(FuseOpcode opcode, ulong nodeId, ulong handle, ulong offset, uint size) =>
        CallAsync(opcode, nodeId, FuseMessages.Body(new ReadIn { Handle = handle, Offset = offset, Size = size }));

    public async ValueTask DisposeAsync()
    {
        Channel.Close();
        await Session.Completion.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
