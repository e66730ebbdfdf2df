namespace FsMount.EndToEnd.Tests;

/// <summary>
/// Opens /dev/fuse to everyone (0666, as most distributions ship it) for a test's duration where
/// this machine keeps it 0600, so fusermount3 can open it as a normal user; restores it when disposed.
/// </summary>
internal sealed class DeviceAccess : IDisposable
{
    private const string DevicePath = "/dev/fuse";
    private const UnixFileMode ReadWriteForAll =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;

    private readonly UnixFileMode _original;

    private DeviceAccess()
    {
        _original = File.GetUnixFileMode(DevicePath);
        File.SetUnixFileMode(DevicePath, _original | ReadWriteForAll);
    }

    public static DeviceAccess OpenToAll() => new();

    public void Dispose() => File.SetUnixFileMode(DevicePath, _original);
}
