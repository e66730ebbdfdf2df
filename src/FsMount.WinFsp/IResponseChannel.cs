using FsMount.WinFsp.Native;

namespace FsMount.WinFsp;

/// <summary>
/// How an operation that returned STATUS_PENDING is completed later: the hint that names its request
/// (read on the dispatcher thread, inside the callback) and FspFileSystemSendResponse. Tests stand in
/// for WinFsp here.
/// </summary>
internal interface IResponseChannel
{
    ulong CurrentRequestHint();

    void Send(in TransactResponse response);
}
