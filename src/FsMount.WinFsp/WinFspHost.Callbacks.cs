using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FsMount.WinFsp.Native;

namespace FsMount.WinFsp;

/// <content>
/// The trampolines, one per callback, in FSP_FILE_SYSTEM_INTERFACE's order. BOOLEAN arguments are
/// bytes; strings are NUL-terminated UTF-16 that live only for the call, so they are copied first.
/// </content>
internal sealed unsafe partial class WinFspHost
{
    /// <summary>The interface table: every callback FsMount serves; the other slots stay null (not supported).</summary>
    public static FileSystemInterface CreateInterface()
    {
        var table = default(FileSystemInterface);
        table[(int)InterfaceSlot.GetVolumeInfo] = (nint)(delegate* unmanaged[Cdecl]<FspFileSystem*, VolumeInfo*, int>)&GetVolumeInfo;
        table[(int)InterfaceSlot.GetSecurityByName] = (nint)(delegate* unmanaged[Cdecl]<FspFileSystem*, char*, uint*, byte*, nuint*, int>)&GetSecurityByName;
        table[(int)InterfaceSlot.Create] = (nint)(delegate* unmanaged[Cdecl]<FspFileSystem*, char*, uint, uint, uint, byte*, ulong, nint*, FspFileInfo*, int>)&Create;
        table[(int)InterfaceSlot.Open] = (nint)(delegate* unmanaged[Cdecl]<FspFileSystem*, char*, uint, uint, nint*, FspFileInfo*, int>)&Open;
        table[(int)InterfaceSlot.Overwrite] = (nint)(delegate* unmanaged[Cdecl]<FspFileSystem*, nint, uint, byte, ulong, FspFileInfo*, int>)&Overwrite;
        table[(int)InterfaceSlot.Cleanup] = (nint)(delegate* unmanaged[Cdecl]<FspFileSystem*, nint, char*, uint, void>)&Cleanup;
        table[(int)InterfaceSlot.Close] = (nint)(delegate* unmanaged[Cdecl]<FspFileSystem*, nint, void>)&Close;
        table[(int)InterfaceSlot.Read] = (nint)(delegate* unmanaged[Cdecl]<FspFileSystem*, nint, byte*, ulong, uint, uint*, int>)&Read;
        table[(int)InterfaceSlot.Write] = (nint)(delegate* unmanaged[Cdecl]<FspFileSystem*, nint, byte*, ulong, uint, byte, byte, uint*, FspFileInfo*, int>)&Write;
        table[(int)InterfaceSlot.Flush] = (nint)(delegate* unmanaged[Cdecl]<FspFileSystem*, nint, FspFileInfo*, int>)&Flush;
        table[(int)InterfaceSlot.GetFileInfo] = (nint)(delegate* unmanaged[Cdecl]<FspFileSystem*, nint, FspFileInfo*, int>)&GetFileInfo;
        table[(int)InterfaceSlot.SetBasicInfo] = (nint)(delegate* unmanaged[Cdecl]<FspFileSystem*, nint, uint, ulong, ulong, ulong, ulong, FspFileInfo*, int>)&SetBasicInfo;
        table[(int)InterfaceSlot.SetFileSize] = (nint)(delegate* unmanaged[Cdecl]<FspFileSystem*, nint, ulong, byte, FspFileInfo*, int>)&SetFileSize;
        table[(int)InterfaceSlot.CanDelete] = (nint)(delegate* unmanaged[Cdecl]<FspFileSystem*, nint, char*, int>)&CanDelete;
        table[(int)InterfaceSlot.Rename] = (nint)(delegate* unmanaged[Cdecl]<FspFileSystem*, nint, char*, char*, byte, int>)&Rename;
        table[(int)InterfaceSlot.GetSecurity] = (nint)(delegate* unmanaged[Cdecl]<FspFileSystem*, nint, byte*, nuint*, int>)&GetSecurity;
        table[(int)InterfaceSlot.SetSecurity] = (nint)(delegate* unmanaged[Cdecl]<FspFileSystem*, nint, uint, byte*, int>)&SetSecurity;
        table[(int)InterfaceSlot.ReadDirectory] = (nint)(delegate* unmanaged[Cdecl]<FspFileSystem*, nint, char*, char*, byte*, uint, uint*, int>)&ReadDirectory;
        table[(int)InterfaceSlot.DispatcherStopped] = (nint)(delegate* unmanaged[Cdecl]<FspFileSystem*, byte, void>)&DispatcherStopped;
        return table;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int GetVolumeInfo(FspFileSystem* fileSystem, VolumeInfo* volumeInfo)
    {
        var host = HostOf(fileSystem);
        try
        {
            var (status, statistics) = Wait(host._core.GetVolumeInfoAsync(host.Stopping));
            volumeInfo->TotalSize = (ulong)Math.Max(statistics.TotalBytes, 0);
            volumeInfo->FreeSize = (ulong)Math.Max(statistics.FreeBytes, 0);
            var label = host._volumeLabel.AsSpan(0, Math.Min(host._volumeLabel.Length, VolumeInfo.MaxLabelLength));
            label.CopyTo(new Span<char>(volumeInfo->VolumeLabel, VolumeInfo.MaxLabelLength));
            volumeInfo->VolumeLabelLength = (ushort)(label.Length * sizeof(char));
            return status;
        }
        catch (Exception exception)
        {
            return host.StatusOf(exception, nameof(GetVolumeInfo));
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int GetSecurityByName(FspFileSystem* fileSystem, char* fileName, uint* fileAttributes, byte* securityDescriptor, nuint* securityDescriptorSize)
    {
        var host = HostOf(fileSystem);
        try
        {
            var found = Wait(host._core.GetSecurityByNameAsync(new string(fileName), host.Stopping));
            if (found.Status != NtStatus.Success)
            {
                return found.Status;
            }

            if (fileAttributes is not null)
            {
                *fileAttributes = found.Info.FileAttributes;
            }

            return host.CopySecurity(securityDescriptor, securityDescriptorSize);
        }
        catch (Exception exception)
        {
            return host.StatusOf(exception, nameof(GetSecurityByName));
        }
    }

    // The descriptor, attributes and allocation size asked for a new file have no place in the core.
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Create(FspFileSystem* fileSystem, char* fileName, uint createOptions, uint grantedAccess, uint fileAttributes, byte* securityDescriptor, ulong allocationSize, nint* fileContext, FspFileInfo* fileInfo)
    {
        var host = HostOf(fileSystem);
        try
        {
            return host.Opened(Wait(host._core.CreateAsync(new string(fileName), createOptions, host.Stopping)), fileContext, fileInfo);
        }
        catch (Exception exception)
        {
            return host.StatusOf(exception, nameof(Create));
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Open(FspFileSystem* fileSystem, char* fileName, uint createOptions, uint grantedAccess, nint* fileContext, FspFileInfo* fileInfo)
    {
        var host = HostOf(fileSystem);
        try
        {
            return host.Opened(Wait(host._core.OpenAsync(new string(fileName), createOptions, grantedAccess, host.Stopping)), fileContext, fileInfo);
        }
        catch (Exception exception)
        {
            return host.StatusOf(exception, nameof(Open));
        }
    }

    // Attributes are not kept (see CoreFileSystem.SetBasicInfoAsync); the allocation size follows the data.
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Overwrite(FspFileSystem* fileSystem, nint fileContext, uint fileAttributes, byte replaceFileAttributes, ulong allocationSize, FspFileInfo* fileInfo)
    {
        var host = HostOf(fileSystem);
        try
        {
            return Answered(Wait(host._core.OverwriteAsync(host._contexts.Get(fileContext), host.Stopping)), fileInfo);
        }
        catch (Exception exception)
        {
            return host.StatusOf(exception, nameof(Overwrite));
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Cleanup(FspFileSystem* fileSystem, nint fileContext, char* fileName, uint flags)
    {
        var host = HostOf(fileSystem);
        try
        {
            Wait(host._core.CleanupAsync(host._contexts.Get(fileContext), StringOf(fileName), flags, host.Stopping));
        }
        catch (Exception exception)
        {
            host.StatusOf(exception, nameof(Cleanup));
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Close(FspFileSystem* fileSystem, nint fileContext)
    {
        var host = HostOf(fileSystem);
        try
        {
            Wait(host._core.CloseAsync(host._contexts.Remove(fileContext)));
        }
        catch (Exception exception)
        {
            host.StatusOf(exception, nameof(Close));
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Read(FspFileSystem* fileSystem, nint fileContext, byte* buffer, ulong offset, uint length, uint* bytesTransferred)
    {
        var host = HostOf(fileSystem);
        try
        {
            var read = host._core.ReadAsync(host._contexts.Get(fileContext), (long)offset, NativeBuffer.Of(buffer, length), host.Stopping);
            if (!host._pending.TryCompleteNow(read, TransactKind.Read, out var result))
            {
                return NtStatus.Pending;
            }

            *bytesTransferred = result.Transferred;
            return result.Status;
        }
        catch (Exception exception)
        {
            return host.StatusOf(exception, nameof(Read));
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Write(FspFileSystem* fileSystem, nint fileContext, byte* buffer, ulong offset, uint length, byte writeToEndOfFile, byte constrainedIo, uint* bytesTransferred, FspFileInfo* fileInfo)
    {
        var host = HostOf(fileSystem);
        try
        {
            var file = host._contexts.Get(fileContext);
            var write = host._core.WriteAsync(file, (long)offset, NativeBuffer.Of(buffer, length), writeToEndOfFile != 0, constrainedIo != 0, host.Stopping);
            if (!host._pending.TryCompleteNow(write, TransactKind.Write, out var result))
            {
                return NtStatus.Pending;
            }

            *bytesTransferred = result.Transferred;
            return Answered(result, fileInfo);
        }
        catch (Exception exception)
        {
            return host.StatusOf(exception, nameof(Write));
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Flush(FspFileSystem* fileSystem, nint fileContext, FspFileInfo* fileInfo)
    {
        var host = HostOf(fileSystem);
        try
        {
            return Answered(Wait(host._core.FlushAsync(host._contexts.Find(fileContext), host.Stopping)), fileInfo);
        }
        catch (Exception exception)
        {
            return host.StatusOf(exception, nameof(Flush));
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int GetFileInfo(FspFileSystem* fileSystem, nint fileContext, FspFileInfo* fileInfo)
    {
        var host = HostOf(fileSystem);
        try
        {
            return Answered(Wait(host._core.GetFileInfoAsync(host._contexts.Get(fileContext), host.Stopping)), fileInfo);
        }
        catch (Exception exception)
        {
            return host.StatusOf(exception, nameof(GetFileInfo));
        }
    }

    // Attribute bits and the creation and change times are not kept (see CoreFileSystem.SetBasicInfoAsync).
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int SetBasicInfo(FspFileSystem* fileSystem, nint fileContext, uint fileAttributes, ulong creationTime, ulong lastAccessTime, ulong lastWriteTime, ulong changeTime, FspFileInfo* fileInfo)
    {
        var host = HostOf(fileSystem);
        try
        {
            var file = host._contexts.Get(fileContext);
            return Answered(Wait(host._core.SetBasicInfoAsync(file, lastAccessTime, lastWriteTime, host.Stopping)), fileInfo);
        }
        catch (Exception exception)
        {
            return host.StatusOf(exception, nameof(SetBasicInfo));
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int SetFileSize(FspFileSystem* fileSystem, nint fileContext, ulong newSize, byte setAllocationSize, FspFileInfo* fileInfo)
    {
        var host = HostOf(fileSystem);
        try
        {
            var file = host._contexts.Get(fileContext);
            return Answered(Wait(host._core.SetFileSizeAsync(file, newSize, setAllocationSize != 0, host.Stopping)), fileInfo);
        }
        catch (Exception exception)
        {
            return host.StatusOf(exception, nameof(SetFileSize));
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int CanDelete(FspFileSystem* fileSystem, nint fileContext, char* fileName)
    {
        var host = HostOf(fileSystem);
        try
        {
            return Wait(host._core.CanDeleteAsync(new string(fileName), host.Stopping));
        }
        catch (Exception exception)
        {
            return host.StatusOf(exception, nameof(CanDelete));
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Rename(FspFileSystem* fileSystem, nint fileContext, char* fileName, char* newFileName, byte replaceIfExists)
    {
        var host = HostOf(fileSystem);
        try
        {
            return Wait(host._core.RenameAsync(new string(fileName), new string(newFileName), replaceIfExists != 0, host.Stopping));
        }
        catch (Exception exception)
        {
            return host.StatusOf(exception, nameof(Rename));
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int GetSecurity(FspFileSystem* fileSystem, nint fileContext, byte* securityDescriptor, nuint* securityDescriptorSize)
    {
        var host = HostOf(fileSystem);
        try
        {
            return host.CopySecurity(securityDescriptor, securityDescriptorSize);
        }
        catch (Exception exception)
        {
            return host.StatusOf(exception, nameof(GetSecurity));
        }
    }

    // Accepted and not kept, as owners are on Linux: the service keeps no permissions, and a copy
    // tool that sets a descriptor (robocopy /SEC) should not fail for it.
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int SetSecurity(FspFileSystem* fileSystem, nint fileContext, uint securityInformation, byte* modificationDescriptor) => NtStatus.Success;

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int ReadDirectory(FspFileSystem* fileSystem, nint fileContext, char* pattern, char* marker, byte* buffer, uint length, uint* bytesTransferred)
    {
        var host = HostOf(fileSystem);
        try
        {
            // WinFsp filters by pattern itself (PassQueryDirectoryPattern is off), so only the marker matters.
            var directory = host._contexts.Get(fileContext);
            var page = host._core.ReadDirectoryAsync(directory, StringOf(marker), NativeBuffer.Of(buffer, length), host.Stopping);
            if (!host._pending.TryCompleteNow(page, TransactKind.QueryDirectory, out var result))
            {
                return NtStatus.Pending;
            }

            *bytesTransferred = result.Transferred;
            return result.Status;
        }
        catch (Exception exception)
        {
            return host.StatusOf(exception, nameof(ReadDirectory));
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void DispatcherStopped(FspFileSystem* fileSystem, byte normally)
    {
        var host = HostOf(fileSystem);
        try
        {
            if (normally == 0)
            {
                Log.DispatcherStopped(host._logger);
                host._stoppedByWinFsp();
            }
        }
        catch (Exception exception)
        {
            host.StatusOf(exception, nameof(DispatcherStopped));
        }
    }
}
