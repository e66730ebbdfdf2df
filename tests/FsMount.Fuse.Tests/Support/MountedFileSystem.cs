using Microsoft.Extensions.Logging.Abstractions;
using FsMount.Testing;

namespace FsMount.Fuse.Tests.Support;

/// <summary>
/// A <see cref="TestFileSystem"/> really mounted (mount(2) as root) on a fresh temporary directory.
/// Disposing unmounts, waits for the connection to end, and never leaves a mount behind.
/// </summary>
internal sealed class MountedFileSystem : IAsyncDisposable
{
    private readonly string _directory;

    private MountedFileSystem(string directory, FuseMount mount)
    {
        _directory = directory;
        Mount = mount;
    }

    public FuseMount Mount { get; }

    public string Path => Mount.MountPoint;

    public static MountedFileSystem Start(TestFileSystem fileSystem, FuseMountOptions? options = null)
    {
        FuseAvailability.RequireOrSkip();
        var directory = Directory.CreateTempSubdirectory("fsmount-fuse-tests-").FullName;
        var mountPoint = Directory.CreateDirectory(System.IO.Path.Combine(directory, "mnt")).FullName;
        try
        {
            return new MountedFileSystem(directory, FuseMount.Mount(mountPoint, fileSystem, options ?? new FuseMountOptions(), NullLoggerFactory.Instance));
        }
        catch
        {
            Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    public string PathOf(string relative) => System.IO.Path.Combine(Path, relative);

    public static bool IsMounted(string path) => MountInfo.IsMounted(path);

    public async ValueTask DisposeAsync()
    {
        try
        {
            Mount.Unmount();
            await Mount.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            if (IsMounted(Path))
            {
                await ChildProcess.RunAsync("umount", "-l", Path);
            }

            // Only once nothing is mounted there: deleting inside a live mount would call into it.
            if (!IsMounted(Path))
            {
                Directory.Delete(_directory, recursive: true);
            }
        }
    }
}
