using FsMount.Core.Tests.Fakes;
using FsMount.Core.Vfs;
using FsMount.Testing;

namespace FsMount.Core.Tests.Uploads;

/// <summary>What the file system tells status of its upload queue: every file, the running one with its start and bytes sent, the waiting ones without.</summary>
public sealed class UploadActivityTests
{
    private const ulong Root = IVirtualFileSystem.RootNodeId;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_running_upload_and_the_waiting_one_are_told_apart_and_gone_once_uploaded()
    {
        var drive = new FakeRemoteDrive { UploadGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        var options = new FsMountOptions { MaxConcurrentUploads = 1, MaxFilesPerUpload = 1, ChunkCacheBytes = 5_000_000 };
        await using var fs = await TestMount.StartAsync(drive, options: options);
        await fs.WriteNewFileAsync(Root, "first.bin", new byte[1000]);
        await fs.WriteNewFileAsync(Root, "second.bin", new byte[2000]);

        var flush = fs.FlushUploadsAsync(TimeSpan.FromDays(1), null, Token);
        await Eventually.TrueAsync(() => fs.UploadActivity.Any(file => file.StartedAt is not null), "one upload starts");
        var activity = fs.UploadActivity;
        drive.UploadGate.SetResult();
        var left = await flush.WaitAsync(TimeSpan.FromSeconds(20), Token);

        Assert.Equal(2, activity.Count);
        Assert.NotNull(activity[0].StartedAt);
        Assert.Null(activity[1].StartedAt);
        Assert.Equal(0, activity[1].BytesSent);
        Assert.Equal(["first.bin", "second.bin"], activity.Select(file => file.Name).Order(StringComparer.Ordinal));
        Assert.Equal(3000, activity.Sum(file => file.Size));
        Assert.Equal(0, left.PendingFiles);
        Assert.Empty(fs.UploadActivity);
        Assert.Equal(5_000_000, fs.ChunkCacheMaxBytes);

        // An uploaded file's bytes are kept by the chunk cache, as if read.
        Assert.Equal(3000, fs.ChunkCacheUsedBytes);
    }
}
