using System.Runtime.InteropServices;
using FsMount.WinFsp.Native;

namespace FsMount.WinFsp.Tests.Support;

/// <summary>
/// Calls the host's trampolines the way winfsp-x64.dll does: through the function pointers of the
/// interface table, with a file system object whose UserContext holds the host, and native
/// arguments. Everything but the DLL itself, on any platform.
/// </summary>
internal sealed unsafe class NativeCallbacks : IDisposable
{
    private const int NormalizedNameBytes = 1024;

    private readonly GCHandle _host;
    private readonly FspFileSystem* _fileSystem;
    private readonly FileSystemInterface _table = WinFspHost.CreateInterface();

    public NativeCallbacks(WinFspHost host)
    {
        _host = GCHandle.Alloc(host);
        _fileSystem = (FspFileSystem*)NativeMemory.AllocZeroed((nuint)sizeof(FspFileSystem));
        _fileSystem->UserContext = GCHandle.ToIntPtr(_host);
    }

    public (int Status, ulong Total, ulong Free, string Label) GetVolumeInfo()
    {
        VolumeInfo info;
        var status = ((delegate* unmanaged[Cdecl]<FspFileSystem*, VolumeInfo*, int>)Slot(InterfaceSlot.GetVolumeInfo))(_fileSystem, &info);
        return (status, info.TotalSize, info.FreeSize, new string(info.VolumeLabel, 0, info.VolumeLabelLength / sizeof(char)));
    }

    public (int Status, uint Attributes, nuint DescriptorSize, byte[] Descriptor) GetSecurityByName(string path, int descriptorBytes)
    {
        var descriptor = new byte[descriptorBytes];
        var size = (nuint)descriptorBytes;
        uint attributes = 0;
        int status;
        fixed (char* name = path)
        fixed (byte* buffer = descriptor)
        {
            status = ((delegate* unmanaged[Cdecl]<FspFileSystem*, char*, uint*, byte*, nuint*, int>)Slot(InterfaceSlot.GetSecurityByName))(_fileSystem, name, &attributes, buffer, &size);
        }

        return (status, attributes, size, descriptor[..(int)Math.Min(size, (nuint)descriptorBytes)]);
    }

    public (int Status, nint Context, FspFileInfo Info, string? NormalizedName) Open(string path, uint createOptions, uint grantedAccess) =>
        Opening(path, (name, context, info) =>
            ((delegate* unmanaged[Cdecl]<FspFileSystem*, char*, uint, uint, nint*, FspFileInfo*, int>)Slot(InterfaceSlot.Open))(_fileSystem, name, createOptions, grantedAccess, context, info));

    public (int Status, nint Context, FspFileInfo Info, string? NormalizedName) Create(string path, uint createOptions) =>
        Opening(path, (name, context, info) =>
            ((delegate* unmanaged[Cdecl]<FspFileSystem*, char*, uint, uint, uint, byte*, ulong, nint*, FspFileInfo*, int>)Slot(InterfaceSlot.Create))(_fileSystem, name, createOptions, 0, 0, null, 0, context, info));

    public (int Status, uint Transferred) Read(nint context, NativeBytes buffer, ulong offset)
    {
        uint transferred = 0;
        var status = ((delegate* unmanaged[Cdecl]<FspFileSystem*, nint, byte*, ulong, uint, uint*, int>)Slot(InterfaceSlot.Read))(_fileSystem, context, buffer.Pointer, offset, (uint)buffer.Length, &transferred);
        return (status, transferred);
    }

    public (int Status, uint Transferred, FspFileInfo Info) Write(nint context, NativeBytes data, ulong offset, bool toEnd)
    {
        uint transferred = 0;
        FspFileInfo info;
        var status = ((delegate* unmanaged[Cdecl]<FspFileSystem*, nint, byte*, ulong, uint, byte, byte, uint*, FspFileInfo*, int>)Slot(InterfaceSlot.Write))(
            _fileSystem, context, data.Pointer, toEnd ? ulong.MaxValue : offset, (uint)data.Length, toEnd ? (byte)1 : (byte)0, 0, &transferred, &info);
        return (status, transferred, info);
    }

    public (int Status, uint Transferred) ReadDirectory(nint context, string? marker, NativeBytes buffer)
    {
        uint transferred = 0;
        int status;
        fixed (char* markerChars = marker)
        {
            status = ((delegate* unmanaged[Cdecl]<FspFileSystem*, nint, char*, char*, byte*, uint, uint*, int>)Slot(InterfaceSlot.ReadDirectory))(
                _fileSystem, context, null, markerChars, buffer.Pointer, (uint)buffer.Length, &transferred);
        }

        return (status, transferred);
    }

    public void Cleanup(nint context, string? path, uint flags)
    {
        fixed (char* name = path)
        {
            ((delegate* unmanaged[Cdecl]<FspFileSystem*, nint, char*, uint, void>)Slot(InterfaceSlot.Cleanup))(_fileSystem, context, name, flags);
        }
    }

    public void Close(nint context) =>
        ((delegate* unmanaged[Cdecl]<FspFileSystem*, nint, void>)Slot(InterfaceSlot.Close))(_fileSystem, context);

    public void Dispose()
    {
        NativeMemory.Free(_fileSystem);
        _host.Free();
    }

    private nint Slot(InterfaceSlot slot) => _table[(int)slot];

    // Create and Open get an FSP_FSCTL_OPEN_FILE_INFO with room for the normalized name, as WinFsp's dispatcher passes it.
    private static (int Status, nint Context, FspFileInfo Info, string? NormalizedName) Opening(string path, OpenCall call)
    {
        var normalized = stackalloc char[NormalizedNameBytes / sizeof(char)];
        var open = new OpenFileInfo { NormalizedName = normalized, NormalizedNameSize = NormalizedNameBytes };
        nint context = 0;
        int status;
        fixed (char* name = path)
        {
            status = call(name, &context, &open.FileInfo);
        }

        var named = open.NormalizedNameSize == NormalizedNameBytes ? null : new string(normalized, 0, open.NormalizedNameSize / sizeof(char));
        return (status, context, open.FileInfo, named);
    }

    private delegate int OpenCall(char* name, nint* context, FspFileInfo* info);
}
