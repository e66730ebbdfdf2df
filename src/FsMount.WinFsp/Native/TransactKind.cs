namespace FsMount.WinFsp.Native;

/// <summary>The FspFsctlTransact*Kind values (fsctl.h) of the requests that may complete later.</summary>
internal enum TransactKind : uint
{
    Read = 5,
    Write = 6,
    QueryDirectory = 14,
}
