using System.Runtime.InteropServices;

namespace FsMount.WinFsp.Native;

/// <summary>FSP_FILE_SYSTEM_OPERATION_CONTEXT (winfsp.h): the request a dispatcher thread is serving, from thread-local storage.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct OperationContext
{
    public TransactRequestHeader* Request;
    public void* Response;
}
