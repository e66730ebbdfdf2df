using System.Text;
using FsMount.Fuse;
using FsMount.Fuse.Bridge;
using FsMount.Fuse.Dispatch;
using FsMount.Fuse.Protocol;
using FsMount.Fuse.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace FsMount.EndToEnd.Tests.Functional;

/// <summary>
/// The FUSE server (session, dispatch, bridge) over the real core, driven through an in-memory
/// channel with the requests a kernel sends: every step is encoded, dispatched, and its reply decoded.
/// </summary>
internal sealed class BridgeTarget : NodeTarget
{
    private readonly InProcessFileSystem _owner;
    private readonly InMemoryChannel _channel = new();
    private readonly FuseSession _session;
    private long _lastUnique = 1;

    private BridgeTarget(InProcessFileSystem owner)
    {
        _owner = owner;
        var options = new FuseMountOptions();
        var bridge = new CoreBridge(owner.FileSystem, new AttributeEncoder(options, 0, 0), TimeProvider.System, NullLogger.Instance);
        _session = new FuseSession(_channel, bridge.CreateTable(), options, NullLogger.Instance);
    }

    public static async Task<BridgeTarget> StartAsync(InProcessFileSystem owner)
    {
        var target = new BridgeTarget(owner);
        var init = await target.CallAsync(FuseOpcode.Init, 0, FuseMessages.Body(new InitIn { Major = 7, Minor = 45, MaxReadahead = 131072, Flags = 0x73fffffb }));
        Assert.Equal(LinuxErrno.None, init.Error);
        return target;
    }

    public override async ValueTask DisposeAsync()
    {
        _channel.Close();
        await _session.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        await _owner.DisposeAsync();
    }

    protected override async Task<(LinuxErrno Error, NodeInfo Node)> LookupAsync(ulong parent, string name) =>
        Entry(await CallAsync(FuseOpcode.Lookup, parent, FuseMessages.Name(name)));

    protected override void Forget(ulong node) => Send(FuseOpcode.Forget, node, FuseMessages.Body(new ForgetIn { LookupCount = 1 }));

    protected override async Task<(LinuxErrno Error, NodeInfo Node, ulong Handle)> CreateAsync(ulong parent, string name, uint flags)
    {
        var reply = await CallAsync(FuseOpcode.Create, parent, FuseMessages.Concat(FuseMessages.Body(new CreateIn { Flags = flags, Mode = 0x81A4 }), FuseMessages.Name(name)));
        if (reply.Error != LinuxErrno.None)
        {
            return (reply.Error, default, 0);
        }

        var created = reply.Read<CreateOut>();
        return (LinuxErrno.None, Info(created.Entry), created.Open.Handle);
    }

    protected override async Task<(LinuxErrno Error, ulong Handle)> OpenAsync(ulong node, uint flags)
    {
        var reply = await CallAsync(FuseOpcode.Open, node, FuseMessages.Body(new OpenIn { Flags = flags }));
        return (reply.Error, reply.Error == LinuxErrno.None ? reply.Read<OpenOut>().Handle : 0);
    }

    protected override async Task<(LinuxErrno Error, byte[] Data)> ReadAsync(ulong node, ulong handle, long offset, int count)
    {
        var reply = await CallAsync(FuseOpcode.Read, node, FuseMessages.Body(new ReadIn { Handle = handle, Offset = (ulong)offset, Size = (uint)count }));
        return (reply.Error, reply.Payload.ToArray());
    }

    protected override async Task<LinuxErrno> WriteAsync(ulong node, ulong handle, long offset, byte[] data)
    {
        var reply = await CallAsync(FuseOpcode.Write, node, FuseMessages.Concat(FuseMessages.Body(new WriteIn { Handle = handle, Offset = (ulong)offset, Size = (uint)data.Length }), data));
        return reply.Error != LinuxErrno.None ? reply.Error
            : reply.Read<WriteOut>().Size == data.Length ? LinuxErrno.None
            : LinuxErrno.EIO;
    }

    protected override async Task<LinuxErrno> CloseAsync(ulong node, ulong handle)
    {
        var flushed = await CallAsync(FuseOpcode.Flush, node, FuseMessages.Body(new FlushIn { Handle = handle }));
        await CallAsync(FuseOpcode.Release, node, FuseMessages.Body(new ReleaseIn { Handle = handle }));
        return flushed.Error;
    }

    protected override async Task<LinuxErrno> ResizeAsync(ulong node, long size) =>
        (await CallAsync(FuseOpcode.SetAttr, node, FuseMessages.Body(new SetAttrIn { Valid = SetAttrIn.ValidSize, Size = (ulong)size }))).Error;

    protected override async Task<(LinuxErrno Error, NodeInfo Node)> MakeDirectoryAsync(ulong parent, string name) =>
        Entry(await CallAsync(FuseOpcode.MkDir, parent, FuseMessages.Concat(FuseMessages.Body(new MkDirIn { Mode = 0x1ED }), FuseMessages.Name(name))));

    protected override async Task<LinuxErrno> RemoveAsync(ulong parent, string name, bool directory) =>
        (await CallAsync(directory ? FuseOpcode.RmDir : FuseOpcode.Unlink, parent, FuseMessages.Name(name))).Error;

    protected override async Task<LinuxErrno> RenameAsync(ulong parent, string name, ulong newParent, string newName, bool noReplace) =>
        (await CallAsync(FuseOpcode.Rename2, parent, FuseMessages.Concat(
            FuseMessages.Body(new Rename2In { NewDirectory = newParent, Flags = noReplace ? Rename2In.NoReplace : 0 }),
            FuseMessages.Name(name),
            FuseMessages.Name(newName)))).Error;

    protected override async Task<(LinuxErrno Error, string[] Names)> ListAsync(ulong node)
    {
        var opened = await CallAsync(FuseOpcode.OpenDir, node, FuseMessages.Body(new OpenIn()));
        if (opened.Error != LinuxErrno.None)
        {
            return (opened.Error, []);
        }

        var handle = opened.Read<OpenOut>().Handle;
        var names = new List<string>();
        ulong offset = 0;
        while (true)
        {
            var page = await CallAsync(FuseOpcode.ReadDirPlus, node, FuseMessages.Body(new ReadIn { Handle = handle, Offset = offset, Size = 4096 }));
            var records = FuseMessages.ParseDirents(page.Payload, plus: true);
            if (page.Error != LinuxErrno.None || records.Count == 0)
            {
                await CallAsync(FuseOpcode.ReleaseDir, node, FuseMessages.Body(new ReleaseIn { Handle = handle }));
                return page.Error != LinuxErrno.None ? (page.Error, []) : (LinuxErrno.None, [.. names.Where(name => name is not ("." or "..")).Order(StringComparer.Ordinal)]);
            }

            // Each READDIRPLUS entry with a node id holds a lookup reference, as in the kernel.
            foreach (var record in records.Where(record => record.Entry is { NodeId: not 0 }))
            {
                Forget(record.Entry!.Value.NodeId);
            }

            names.AddRange(records.Select(record => record.Name));
            offset = records[^1].NextCookie;
        }
    }

    protected override async Task<(LinuxErrno Error, long Copied)> CopyRangeAsync(ulong sourceNode, ulong source, ulong destinationNode, ulong destination, long length)
    {
        var reply = await CallAsync(FuseOpcode.CopyFileRange64, sourceNode, FuseMessages.Body(new CopyFileRangeIn
        {
            SourceHandle = source,
            DestinationNodeId = destinationNode,
            DestinationHandle = destination,
            Length = (ulong)length,
        }));
        return (reply.Error, reply.Error == LinuxErrno.None ? (long)reply.Read<CopyFileRangeOut>().BytesCopied : 0);
    }

    protected override async Task<(LinuxErrno Error, long Offset)> SeekAsync(ulong node, ulong handle, long offset, bool hole)
    {
        var reply = await CallAsync(FuseOpcode.Lseek, node, FuseMessages.Body(new LseekIn { Handle = handle, Offset = (ulong)offset, Whence = hole ? LseekIn.SeekHole : LseekIn.SeekData }));
        return (reply.Error, reply.Error == LinuxErrno.None ? (long)reply.Read<LseekOut>().Offset : 0);
    }

    protected override async Task<(LinuxErrno Error, string[] Names)> ListAttributesAsync(ulong node)
    {
        var reply = await CallAsync(FuseOpcode.ListXAttr, node, FuseMessages.Body(new GetXAttrIn { Size = 4096 }));
        return (reply.Error, Encoding.UTF8.GetString(reply.Payload).Split('\0', StringSplitOptions.RemoveEmptyEntries));
    }

    protected override async Task<LinuxErrno> GetAttributeAsync(ulong node, string name) =>
        (await CallAsync(FuseOpcode.GetXAttr, node, FuseMessages.Concat(FuseMessages.Body(new GetXAttrIn { Size = 4096 }), FuseMessages.Name(name)))).Error;

    protected override async Task<LinuxErrno> AccessAsync(ulong node, uint mode) =>
        (await CallAsync(FuseOpcode.Access, node, FuseMessages.Body(new AccessIn { Mask = mode }))).Error;

    private static NodeInfo Info(in EntryOut entry) => new(entry.NodeId, (entry.Attr.Mode & 0xF000) == 0x4000, (long)entry.Attr.Size);

    // A lookup miss may come back as a negative entry (node 0), which the kernel reads as ENOENT.
    private static (LinuxErrno Error, NodeInfo Node) Entry(FuseReply reply)
    {
        if (reply.Error != LinuxErrno.None)
        {
            return (reply.Error, default);
        }

        var entry = reply.Read<EntryOut>();
        return entry.NodeId == 0 ? (LinuxErrno.ENOENT, default) : (LinuxErrno.None, Info(entry));
    }

    private ulong Send(FuseOpcode opcode, ulong node, byte[] body)
    {
        var unique = (ulong)Interlocked.Increment(ref _lastUnique);
        _channel.Send(FuseMessages.Request((uint)opcode, unique, node, body));
        return unique;
    }

    private Task<FuseReply> CallAsync(FuseOpcode opcode, ulong node, byte[] body) => _channel.ReplyTo(Send(opcode, node, body));
}
