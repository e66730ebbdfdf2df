using FsMount.WinFsp.Native;

namespace FsMount.WinFsp;

/// <summary>The responses of one mounted file system, through winfsp-x64.dll.</summary>
internal sealed unsafe class NativeResponseChannel : IResponseChannel
{
    private readonly FspFileSystem* _fileSystem;

    public NativeResponseChannel(FspFileSystem* fileSystem)
    {
        _fileSystem = fileSystem;
    }

    public ulong CurrentRequestHint() => WinFspApi.FspFileSystemGetOperationContext()->Request->Hint;

    public void Send(in TransactResponse response)
    {
        fixed (TransactResponse* sent = &response)
        {
            WinFspApi.FspFileSystemSendResponse(_fileSystem, sent);
        }
    }
}
