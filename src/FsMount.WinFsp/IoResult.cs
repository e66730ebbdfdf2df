using FsMount.WinFsp.Native;

namespace FsMount.WinFsp;

/// <summary>What most callbacks answer: a status, the file's info after the operation, and the bytes moved by a read, a write or a directory page.</summary>
internal readonly record struct IoResult(int Status, FspFileInfo Info, uint Transferred = 0)
{
    public static IoResult Failed(int status) => new(status, default);
}
