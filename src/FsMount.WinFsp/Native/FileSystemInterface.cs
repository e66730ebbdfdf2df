using System.Runtime.CompilerServices;

namespace FsMount.WinFsp.Native;

/// <summary>
/// FSP_FILE_SYSTEM_INTERFACE (winfsp.h): exactly 64 function pointers, indexed by <see cref="InterfaceSlot"/>;
/// a null slot is an operation the file system does not implement. WinFsp keeps a pointer to the
/// table, so it must live in native memory as long as the file system does.
/// </summary>
[InlineArray(SlotCount)]
internal struct FileSystemInterface
{
    public const int SlotCount = 64;

    private nint _slot;
}
