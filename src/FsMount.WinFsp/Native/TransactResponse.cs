using System.Runtime.InteropServices;

namespace FsMount.WinFsp.Native;

/// <summary>
/// The part of FSP_FSCTL_TRANSACT_RSP (fsctl.h, 128 bytes without its trailing buffer) that completes
/// a Read, Write or ReadDirectory answered STATUS_PENDING, through FspFileSystemSendResponse.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 128)]
internal struct TransactResponse
{
    [FieldOffset(0)]
    public ushort Version;

    [FieldOffset(2)]
    public ushort Size;

    [FieldOffset(4)]
    public uint Kind;

    [FieldOffset(8)]
    public ulong Hint;

    [FieldOffset(16)]
    public uint Information;

    [FieldOffset(20)]
    public int Status;

    /// <summary>Rsp.Write.FileInfo: the file as the write left it.</summary>
    [FieldOffset(24)]
    public FspFileInfo WriteFileInfo;
}
