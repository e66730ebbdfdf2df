using FsMount.Core.Errors;
using FsMount.Core.Vfs;
using FsMount.Fuse.Bridge;
using FsMount.Fuse.Protocol;

namespace FsMount.EndToEnd.Tests.Functional;

/// <summary>The core in-process: each step is one <see cref="IVirtualFileSystem"/> call, its error translated as the bridge does.</summary>
internal sealed class CoreTarget : NodeTarget
{
    private readonly InProcessFileSystem _owner;
    private readonly MountedFileSystem _fs;

    public CoreTarget(InProcessFileSystem owner)
    {
        _owner = owner;
        _fs = owner.FileSystem;
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public override ValueTask DisposeAsync() => _owner.DisposeAsync();

    protected override async Task<(LinuxErrno Error, NodeInfo Node)> LookupAsync(ulong parent, string name) =>
        Info(await _fs.LookupAsync(parent, name, Token));

    protected override void Forget(ulong node) => _fs.Forget(node, 1);

    protected override async Task<(LinuxErrno Error, NodeInfo Node, ulong Handle)> CreateAsync(ulong parent, string name, uint flags)
    {
        var created = await _fs.CreateAsync(parent, name, 0x1A4, (flags & OpenFlags.Exclusive) != 0, CoreBridge.OptionsOf(flags), Token);
        return created.IsSuccess
            ? (LinuxErrno.None, Info(created.Value.Attributes), created.Value.HandleId)
            : (Errno.From(created.Error), default, 0);
    }

    protected override async Task<(LinuxErrno Error, ulong Handle)> OpenAsync(ulong node, uint flags)
    {
        var opened = await _fs.OpenAsync(node, CoreBridge.OptionsOf(flags), Token);
        return (Errno.From(opened.Error), opened.IsSuccess ? opened.Value.HandleId : 0);
    }

    protected override async Task<(LinuxErrno Error, byte[] Data)> ReadAsync(ulong node, ulong handle, long offset, int count)
    {
        var buffer = new byte[count];
        var read = await _fs.ReadAsync(handle, offset, buffer, Token);
        return read.IsSuccess ? (LinuxErrno.None, buffer[..read.Value]) : (Errno.From(read.Error), []);
    }

    protected override async Task<LinuxErrno> WriteAsync(ulong node, ulong handle, long offset, byte[] data) =>
        Errno.From((await _fs.WriteAsync(handle, offset, data, Token)).Error);

    protected override async Task<LinuxErrno> CloseAsync(ulong node, ulong handle)
    {
        var flushed = await _fs.FlushAsync(handle, Token);
        await _fs.ReleaseAsync(handle);
        return Errno.From(flushed);
    }

    protected override async Task<LinuxErrno> ResizeAsync(ulong node, long size) =>
        Errno.From((await _fs.SetAttributesAsync(node, null, new AttributeChanges { Size = size }, Token)).Error);

    protected override async Task<(LinuxErrno Error, NodeInfo Node)> MakeDirectoryAsync(ulong parent, string name) =>
        Info(await _fs.CreateDirectoryAsync(parent, name, 0x1ED, Token));

    protected override async Task<LinuxErrno> RemoveAsync(ulong parent, string name, bool directory) =>
        Errno.From(directory ? await _fs.RemoveDirectoryAsync(parent, name, Token) : await _fs.RemoveFileAsync(parent, name, Token));

    protected override async Task<LinuxErrno> RenameAsync(ulong parent, string name, ulong newParent, string newName, bool noReplace) =>
        Errno.From(await _fs.RenameAsync(parent, name, newParent, newName, noReplace ? RenameOptions.NoReplace : RenameOptions.Replace, Token));

    protected override async Task<(LinuxErrno Error, string[] Names)> ListAsync(ulong node)
    {
        var opened = await _fs.OpenDirectoryAsync(node, Token);
        if (!opened.IsSuccess)
        {
            return (Errno.From(opened.Error), []);
        }

        var entries = _fs.ReadDirectory(opened.Value);
        _fs.ReleaseDirectory(opened.Value);
        return entries.IsSuccess ? (LinuxErrno.None, [.. entries.Value.Select(entry => entry.Name).Order(StringComparer.Ordinal)]) : (Errno.From(entries.Error), []);
    }

    protected override async Task<(LinuxErrno Error, long Copied)> CopyRangeAsync(ulong sourceNode, ulong source, ulong destinationNode, ulong destination, long length)
    {
        var copied = await _fs.CopyFileRangeAsync(source, 0, destination, 0, length, Token);
        return (Errno.From(copied.Error), copied.IsSuccess ? copied.Value : 0);
    }

    protected override async Task<(LinuxErrno Error, long Offset)> SeekAsync(ulong node, ulong handle, long offset, bool hole)
    {
        var found = await _fs.SeekAsync(handle, offset, hole ? SeekTarget.Hole : SeekTarget.Data, Token);
        return (Errno.From(found.Error), found.IsSuccess ? found.Value : 0);
    }

    protected override async Task<(LinuxErrno Error, string[] Names)> ListAttributesAsync(ulong node)
    {
        var names = await _fs.ListExtendedAttributesAsync(node, Token);
        return (Errno.From(names.Error), names.IsSuccess ? [.. names.Value] : []);
    }

    protected override async Task<LinuxErrno> GetAttributeAsync(ulong node, string name) =>
        Errno.From((await _fs.GetExtendedAttributeAsync(node, name, Token)).Error);

    protected override async Task<LinuxErrno> AccessAsync(ulong node, uint mode) =>
        Errno.From(await _fs.CheckAccessAsync(node, CoreBridge.AccessModesOf(mode), Token));

    private static NodeInfo Info(NodeAttributes attributes) => new(attributes.NodeId, attributes.IsDirectory, attributes.Size);

    private static (LinuxErrno Error, NodeInfo Node) Info(FsResult<NodeAttributes> result) =>
        result.IsSuccess ? (LinuxErrno.None, Info(result.Value)) : (Errno.From(result.Error), default);
}
