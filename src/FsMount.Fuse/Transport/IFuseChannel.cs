namespace FsMount.Fuse.Transport;

/// <summary>
/// Moves raw FUSE messages: one request per read, one reply per write. The kernel device is one
/// implementation; tests use an in-memory one.
/// </summary>
internal interface IFuseChannel : IDisposable
{
    /// <summary>Blocks until one whole request is in <paramref name="buffer"/>; returns its length, or 0 once the connection has ended.</summary>
    int ReadRequest(Span<byte> buffer);

    /// <summary>Writes one whole reply; false when nobody waits for it any more (interrupted, aborted or unmounted).</summary>
    bool WriteReply(ReadOnlySpan<byte> reply);
}
