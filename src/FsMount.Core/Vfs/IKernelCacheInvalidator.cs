namespace FsMount.Core.Vfs;

/// <summary>
/// The port through which the core tells the operating system that something it may have cached
/// changed without its knowledge (a refresh showed a remote change, a background upload finished).
/// Each adapter implements it (FUSE notify messages, WinFsp's notify call). Calls never block: an
/// implementation queues them, because a notification sent while the kernel waits on a request for
/// the same node can deadlock.
/// </summary>
public interface IKernelCacheInvalidator
{
    /// <summary>The name <paramref name="name"/> in <paramref name="parentNodeId"/> may now lead elsewhere, or nowhere.</summary>
    void InvalidateEntry(ulong parentNodeId, string name);

    /// <summary>The node's attributes changed; with <paramref name="content"/>, its cached bytes are stale too.</summary>
    void InvalidateNode(ulong nodeId, bool content);
}
