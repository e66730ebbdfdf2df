using FsMount.Fuse.Protocol;

namespace FsMount.EndToEnd.Tests.Functional;

/// <summary>
/// A target that speaks in nodes and handles, as the kernel does: each path is looked up component by
/// component (and the references given back after), each file opened, used and closed (FLUSH, then
/// RELEASE). The core and the bridge differ only in how each of these steps is sent.
/// </summary>
internal abstract class NodeTarget : IFileSystemTarget
{
    private const ulong Root = 1;
    private const int ChunkBytes = 1024 * 1024;

    public Task<LinuxErrno> WriteAsync(string path, byte[] content) =>
        ErrorOf(AtParentAsync(path, (parent, name) => WithCreatedAsync(parent, name, OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Truncate, (node, handle) => WriteAllAsync(node, handle, 0, content))));

    public Task<(LinuxErrno Error, byte[] Content)> ReadAsync(string path) =>
        AtNodeAsync(path, node => WithOpenAsync(node, OpenFlags.ReadOnly, handle => ReadAllAsync(node.Node, handle, node.Size)));

    public Task<LinuxErrno> AppendAsync(string path, byte[] content) =>
        ErrorOf(AtNodeAsync(path, node => WithOpenAsync(node, OpenFlags.WriteOnly | OpenFlags.Append, handle => WriteAllAsync(node.Node, handle, node.Size, content))));

    public Task<LinuxErrno> TruncateAsync(string path, long size) =>
        ErrorOf(AtNodeAsync(path, async node => (await ResizeAsync(node.Node, size), true)));

    public Task<LinuxErrno> CreateExclusiveAsync(string path) =>
        ErrorOf(AtParentAsync(path, (parent, name) => WithCreatedAsync(parent, name, OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Exclusive, (_, _) => Task.FromResult((LinuxErrno.None, true)))));

    public Task<LinuxErrno> MakeDirectoryAsync(string path) =>
        ErrorOf(AtParentAsync(path, async (parent, name) =>
        {
            var (error, made) = await MakeDirectoryAsync(parent, name);
            if (error == LinuxErrno.None)
            {
                Forget(made.Node);
            }

            return (error, true);
        }));

    public Task<LinuxErrno> RemoveDirectoryAsync(string path) =>
        ErrorOf(AtParentAsync(path, async (parent, name) => (await RemoveAsync(parent, name, directory: true), true)));

    public Task<LinuxErrno> UnlinkAsync(string path) =>
        ErrorOf(AtParentAsync(path, async (parent, name) => (await RemoveAsync(parent, name, directory: false), true)));

    public Task<LinuxErrno> RenameAsync(string from, string to, bool noReplace) =>
        ErrorOf(AtParentAsync(from, (parent, name) => AtParentAsync(to, async (newParent, newName) => (await RenameAsync(parent, name, newParent, newName, noReplace), true))));

    public Task<(LinuxErrno Error, FileStatus Status)> StatAsync(string path) =>
        AtNodeAsync(path, node => Task.FromResult((LinuxErrno.None, new FileStatus(node.IsDirectory, node.Size))));

    public Task<(LinuxErrno Error, string[] Names)> ListAsync(string path) =>
        AtNodeAsync(path, node => ListAsync(node.Node));

    public Task<(LinuxErrno Error, long Copied)> CopyAsync(string from, string to) =>
        AtNodeAsync(from, source => WithOpenAsync(source, OpenFlags.ReadOnly, sourceHandle =>
            AtParentAsync(to, (parent, name) => WithCreatedAsync(parent, name, OpenFlags.ReadWrite | OpenFlags.Create | OpenFlags.Exclusive, async (destination, handle) =>
            {
                var (error, copied) = await CopyRangeAsync(source.Node, sourceHandle, destination, handle, source.Size);
                if (error != LinuxErrno.ENOTSUP)
                {
                    return (error, copied);
                }

                // Refused (EOPNOTSUPP): the kernel copies this one itself, through READ and WRITE.
                var (readError, content) = await ReadAllAsync(source.Node, sourceHandle, source.Size);
                return readError != LinuxErrno.None ? (readError, 0L) : ((await WriteAllAsync(destination, handle, 0, content)).Error, (long)content.Length);
            }))));

    public Task<(LinuxErrno Error, long Offset)> SeekAsync(string path, long offset, bool hole) =>
        AtNodeAsync(path, node => WithOpenAsync(node, OpenFlags.ReadOnly, handle => SeekAsync(node.Node, handle, offset, hole)));

    public Task<(LinuxErrno Error, string[] Names)> ListAttributesAsync(string path) =>
        AtNodeAsync(path, node => ListAttributesAsync(node.Node));

    public Task<LinuxErrno> GetAttributeAsync(string path, string name) =>
        ErrorOf(AtNodeAsync(path, async node => (await GetAttributeAsync(node.Node, name), true)));

    public Task<LinuxErrno> AccessAsync(string path, uint mode) =>
        ErrorOf(AtNodeAsync(path, async node => (await AccessAsync(node.Node, mode), true)));

    public abstract ValueTask DisposeAsync();

    protected abstract Task<(LinuxErrno Error, NodeInfo Node)> LookupAsync(ulong parent, string name);

    /// <summary>Gives back one lookup reference (FORGET).</summary>
    protected abstract void Forget(ulong node);

    protected abstract Task<(LinuxErrno Error, NodeInfo Node, ulong Handle)> CreateAsync(ulong parent, string name, uint flags);

    protected abstract Task<(LinuxErrno Error, ulong Handle)> OpenAsync(ulong node, uint flags);

    protected abstract Task<(LinuxErrno Error, byte[] Data)> ReadAsync(ulong node, ulong handle, long offset, int count);

    protected abstract Task<LinuxErrno> WriteAsync(ulong node, ulong handle, long offset, byte[] data);

    /// <summary>close(2): FLUSH, whose errno close returns, then RELEASE.</summary>
    protected abstract Task<LinuxErrno> CloseAsync(ulong node, ulong handle);

    protected abstract Task<LinuxErrno> ResizeAsync(ulong node, long size);

    protected abstract Task<(LinuxErrno Error, NodeInfo Node)> MakeDirectoryAsync(ulong parent, string name);

    protected abstract Task<LinuxErrno> RemoveAsync(ulong parent, string name, bool directory);

    protected abstract Task<LinuxErrno> RenameAsync(ulong parent, string name, ulong newParent, string newName, bool noReplace);

    protected abstract Task<(LinuxErrno Error, string[] Names)> ListAsync(ulong node);

    protected abstract Task<(LinuxErrno Error, long Copied)> CopyRangeAsync(ulong sourceNode, ulong source, ulong destinationNode, ulong destination, long length);

    protected abstract Task<(LinuxErrno Error, long Offset)> SeekAsync(ulong node, ulong handle, long offset, bool hole);

    protected abstract Task<(LinuxErrno Error, string[] Names)> ListAttributesAsync(ulong node);

    protected abstract Task<LinuxErrno> GetAttributeAsync(ulong node, string name);

    protected abstract Task<LinuxErrno> AccessAsync(ulong node, uint mode);

    private static async Task<LinuxErrno> ErrorOf<T>(Task<(LinuxErrno Error, T Value)> step) => (await step).Error;

    private async Task<(LinuxErrno Error, T Value)> AtNodeAsync<T>(string path, Func<NodeInfo, Task<(LinuxErrno Error, T Value)>> action)
    {
        var taken = new List<ulong>();
        try
        {
            var node = new NodeInfo(Root, IsDirectory: true, 0);
            foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                var (error, next) = await LookupAsync(node.Node, part);
                if (error != LinuxErrno.None)
                {
                    return (error, default!);
                }

                taken.Add(next.Node);
                node = next;
            }

            return await action(node);
        }
        finally
        {
            taken.ForEach(Forget);
        }
    }

    private Task<(LinuxErrno Error, T Value)> AtParentAsync<T>(string path, Func<ulong, string, Task<(LinuxErrno Error, T Value)>> action)
    {
        var slash = path.LastIndexOf('/');
        return AtNodeAsync(slash < 0 ? string.Empty : path[..slash], parent => parent.IsDirectory
            ? action(parent.Node, path[(slash + 1)..])
            : Task.FromResult((LinuxErrno.ENOTDIR, default(T)!)));
    }

    private async Task<(LinuxErrno Error, T Value)> WithOpenAsync<T>(NodeInfo node, uint flags, Func<ulong, Task<(LinuxErrno Error, T Value)>> action)
    {
        var (error, handle) = await OpenAsync(node.Node, flags);
        if (error != LinuxErrno.None)
        {
            return (error, default!);
        }

        var result = await action(handle);
        var closed = await CloseAsync(node.Node, handle);
        return result.Error != LinuxErrno.None ? result : (closed, result.Value);
    }

    private async Task<(LinuxErrno Error, T Value)> WithCreatedAsync<T>(ulong parent, string name, uint flags, Func<ulong, ulong, Task<(LinuxErrno Error, T Value)>> action)
    {
        var (error, node, handle) = await CreateAsync(parent, name, flags);
        if (error != LinuxErrno.None)
        {
            return (error, default!);
        }

        try
        {
            var result = await action(node.Node, handle);
            var closed = await CloseAsync(node.Node, handle);
            return result.Error != LinuxErrno.None ? result : (closed, result.Value);
        }
        finally
        {
            Forget(node.Node);
        }
    }

    private async Task<(LinuxErrno Error, bool Done)> WriteAllAsync(ulong node, ulong handle, long offset, byte[] content)
    {
        for (var at = 0; at < content.Length; at += ChunkBytes)
        {
            var error = await WriteAsync(node, handle, offset + at, content[at..Math.Min(content.Length, at + ChunkBytes)]);
            if (error != LinuxErrno.None)
            {
                return (error, false);
            }
        }

        return (LinuxErrno.None, true);
    }

    private async Task<(LinuxErrno Error, byte[] Content)> ReadAllAsync(ulong node, ulong handle, long size)
    {
        using var content = new MemoryStream();
        while (true)
        {
            var (error, data) = await ReadAsync(node, handle, content.Length, ChunkBytes);
            if (error != LinuxErrno.None)
            {
                return (error, []);
            }

            content.Write(data);
            if (data.Length == 0 || content.Length >= size)
            {
                return (LinuxErrno.None, content.ToArray());
            }
        }
    }
}
