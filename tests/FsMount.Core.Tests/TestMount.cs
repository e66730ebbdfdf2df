using FsMount.Core.Errors;
using FsMount.Core.Tests.Fakes;
using FsMount.Core.Vfs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FsMount.Core.Tests;

/// <summary>Builds a <see cref="MountedFileSystem"/> over a fake drive, and small helpers for tests.</summary>
internal static class TestMount
{
    private static readonly string s_cacheRoot = Directory.CreateTempSubdirectory("fsmount-core-tests-").FullName;

    static TestMount()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(s_cacheRoot, recursive: true);
    }

    /// <summary>A fresh cache folder, removed when the test process ends.</summary>
    public static string NewCacheDirectory() => Path.Combine(s_cacheRoot, Guid.NewGuid().ToString("N"));

    public static MountedFileSystem Create(FakeRemoteDrive drive, FakeTimeProvider? time = null, FsMountOptions? options = null)
    {
        options ??= new FsMountOptions();
        if (string.IsNullOrEmpty(options.CacheDirectory))
        {
            options.CacheDirectory = NewCacheDirectory();
        }

        return new(
            drive,
            Microsoft.Extensions.Options.Options.Create(options),
            time ?? new FakeTimeProvider(FakeRemoteDrive.Epoch.AddYears(1)),
            NullLoggerFactory.Instance);
    }

    public static T Ok<T>(this FsResult<T> result)
    {
        Assert.True(result.IsSuccess, $"Expected success, got {result.Error}.");
        return result.Value;
    }

    public static async Task<NodeAttributes> LookupOkAsync(this MountedFileSystem fs, ulong parent, string name) =>
        (await fs.LookupAsync(parent, name, TestContext.Current.CancellationToken)).Ok();

    /// <summary>A directory's entries as an OPENDIR + READDIR + RELEASEDIR sequence sees them.</summary>
    public static async Task<FsResult<IReadOnlyList<DirectoryEntry>>> ReadDirectoryAsync(this MountedFileSystem fs, ulong nodeId, CancellationToken cancellationToken)
    {
        var opened = await fs.OpenDirectoryAsync(nodeId, cancellationToken);
        if (!opened.IsSuccess)
        {
            return opened.Error;
        }

        var entries = fs.ReadDirectory(opened.Value);
        fs.ReleaseDirectory(opened.Value);
        return entries;
    }

    /// <summary>Opens a file for reading and returns its handle.</summary>
    public static async Task<FsResult<ulong>> OpenAsync(this MountedFileSystem fs, ulong nodeId, CancellationToken cancellationToken)
    {
        var opened = await fs.OpenAsync(nodeId, OpenOptions.ReadOnly, cancellationToken);
        return opened.IsSuccess ? opened.Value.HandleId : opened.Error;
    }

    public static async Task<ulong> OpenFileAsync(this MountedFileSystem fs, string name)
    {
        var node = await fs.LookupOkAsync(IVirtualFileSystem.RootNodeId, name);
        return (await fs.OpenAsync(node.NodeId, TestContext.Current.CancellationToken)).Ok();
    }
}
