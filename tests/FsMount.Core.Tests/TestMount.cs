using FsMount.Core.Errors;
using FsMount.Core.Tests.Fakes;
using FsMount.Core.Vfs;
using FsMount.Testing;
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

    /// <summary>Creates and initializes a file system over <paramref name="drive"/>, as a mount does before it serves.</summary>
    public static async Task<MountedFileSystem> StartAsync(FakeRemoteDrive drive, FakeTimeProvider? time = null, FsMountOptions? options = null)
    {
        var fs = Create(drive, time, options);
        await fs.InitializeAsync(TestContext.Current.CancellationToken);
        return fs;
    }

    public static T Ok<T>(this FsResult<T> result)
    {
        Assert.True(result.IsSuccess, $"Expected success, got {result.Error}.");
        return result.Value;
    }

    public static async Task<NodeAttributes> LookupOkAsync(this MountedFileSystem fs, ulong parent, string name) =>
        (await fs.LookupAsync(parent, name, TestContext.Current.CancellationToken)).Ok();

    /// <summary>statfs, which must answer without waiting.</summary>
    public static FileSystemStatistics StatisticsNow(this MountedFileSystem fs)
    {
        var pending = fs.GetStatisticsAsync(TestContext.Current.CancellationToken).AsTask();
        Assert.True(pending.IsCompletedSuccessfully, "statfs waited");
        return pending.Result.Ok();
    }

    /// <summary>Waits until statfs shows what the fake drive reports (it asks in the background).</summary>
    public static Task WaitForCapacityAsync(this MountedFileSystem fs, FakeRemoteDrive drive) =>
        Eventually.TrueAsync(
            () => fs.StatisticsNow().TotalBytes == drive.AccountInfo.TotalBytes,
            "statfs shows the account's capacity");

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

    /// <summary>Creates a file in a directory, writes <paramref name="content"/>, and closes it as cp does (flush, release).</summary>
    public static async Task<ulong> WriteNewFileAsync(this MountedFileSystem fs, ulong parent, string name, byte[] content)
    {
        var token = TestContext.Current.CancellationToken;
        var created = (await fs.CreateAsync(parent, name, 0x1A4, exclusive: true, new OpenOptions(FileAccessMode.Write), token)).Ok();
        Assert.Equal(content.Length, (await fs.WriteAsync(created.HandleId, 0, content, token)).Ok());
        Assert.Equal(FsError.None, await fs.FlushAsync(created.HandleId, token));
        await fs.ReleaseAsync(created.HandleId);
        return created.Attributes.NodeId;
    }

    /// <summary>Reads a whole file through a new read handle.</summary>
    public static async Task<byte[]> ReadAllAsync(this MountedFileSystem fs, ulong nodeId)
    {
        var token = TestContext.Current.CancellationToken;
        var size = (await fs.GetAttributesAsync(nodeId, token)).Ok().Size;
        var opened = (await fs.OpenAsync(nodeId, OpenOptions.ReadOnly, token)).Ok();
        var buffer = new byte[size + 10];
        var total = 0;
        int read;
        while ((read = (await fs.ReadAsync(opened.HandleId, total, buffer.AsMemory(total), token)).Ok()) > 0)
        {
            total += read;
        }

        await fs.ReleaseAsync(opened.HandleId);
        return buffer[..total];
    }

    /// <summary>Uploads everything staged now and waits (in real time, bounded) until the queue is empty.</summary>
    public static async Task UploadAllAsync(this MountedFileSystem fs)
    {
        var left = await fs.FlushUploadsAsync(TimeSpan.FromDays(1), null, TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        Assert.Equal(0, left.PendingFiles);
    }
}
