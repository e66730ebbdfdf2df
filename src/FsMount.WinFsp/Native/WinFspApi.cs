using System.Runtime.InteropServices;

namespace FsMount.WinFsp.Native;

/// <summary>
/// The entry points of winfsp-x64.dll (or -a64) that FsMount calls, declared from winfsp.h. The
/// library name is resolved at run time to the file under WinFsp's install folder
/// (<see cref="WinFspLibrary"/>); nothing here needs WinFsp, or Windows, to compile.
/// </summary>
internal static unsafe partial class WinFspApi
{
    [LibraryImport(WinFspLibrary.Name, StringMarshalling = StringMarshalling.Utf16)]
    public static partial int FspFileSystemPreflight(string devicePath, string? mountPoint);

    [LibraryImport(WinFspLibrary.Name, StringMarshalling = StringMarshalling.Utf16)]
    public static partial int FspFileSystemCreate(string devicePath, VolumeParams* volumeParams, FileSystemInterface* fileSystemInterface, FspFileSystem** fileSystem);

    [LibraryImport(WinFspLibrary.Name)]
    public static partial void FspFileSystemDelete(FspFileSystem* fileSystem);

    /// <summary>A null mount point takes the next free drive letter, counting down from Z:.</summary>
    [LibraryImport(WinFspLibrary.Name, StringMarshalling = StringMarshalling.Utf16)]
    public static partial int FspFileSystemSetMountPointEx(FspFileSystem* fileSystem, string? mountPoint, byte* securityDescriptor);

    [LibraryImport(WinFspLibrary.Name)]
    public static partial void FspFileSystemSetOperationGuardF(FspFileSystem* fileSystem, nint enterOperation, nint leaveOperation);

    [LibraryImport(WinFspLibrary.Name)]
    public static partial int FspFileSystemStartDispatcher(FspFileSystem* fileSystem, uint threadCount);

    [LibraryImport(WinFspLibrary.Name)]
    public static partial void FspFileSystemStopDispatcher(FspFileSystem* fileSystem);

    [LibraryImport(WinFspLibrary.Name)]
    public static partial void FspFileSystemSendResponse(FspFileSystem* fileSystem, TransactResponse* response);

    /// <summary>The request the calling dispatcher thread serves; valid only inside a callback.</summary>
    [LibraryImport(WinFspLibrary.Name)]
    public static partial OperationContext* FspFileSystemGetOperationContext();
}
