using System.Runtime.InteropServices;

namespace FsMount.WinFsp.Native;

/// <summary>The head of FSP_FSCTL_TRANSACT_REQ (fsctl.h): <see cref="Hint"/> names the request a later response completes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct TransactRequestHeader
{
    public ushort Version;
    public ushort Size;
    public uint Kind;
    public ulong Hint;
}
