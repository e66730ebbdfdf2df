using FsMount.Core.Errors;
using FsMount.Core.Remote;
using FsMount.Core.Tests.Fakes;
using FsMount.Core.Vfs;

namespace FsMount.Core.Tests.Uploads;

/// <summary>
/// The upload journal's promises, with the mount stopped at the worst moments and started again on
/// the same cache folder: nothing a user closed is lost, and nothing is uploaded twice.
/// </summary>
public sealed class UploadRecoveryTests
{
    private const ulong Root = IVirtualFileSystem.RootNodeId;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_file_closed_before_a_crash_is_shown_and_uploaded_by_the_next_mount()
    {
        var drive = new FakeRemoteDrive();
        var cache = TestMount.NewCacheDirectory();
        await using (var fs = await StartAsync(drive, cache, TimeSpan.FromHours(1)))
        {
            await fs.WriteNewFileAsync(Root, "closed.txt", [4, 5, 6]);
        }

        Assert.Equal(0, drive.Uploads);
        await using var next = await StartAsync(drive, cache, TimeSpan.FromHours(1));
        var shown = await next.LookupOkAsync(Root, "closed.txt");
        Assert.Equal(3, shown.Size);
        Assert.Equal(new byte[] { 4, 5, 6 }, await next.ReadAllAsync(shown.NodeId));

        await next.UploadAllAsync();
        Assert.Equal(new byte[] { 4, 5, 6 }, drive.ContentOf(Assert.Single(drive.FilesIn(drive.RootFolderId))));
        Assert.Equal(1, drive.Uploads);
    }

    [Fact]
    public async Task A_file_still_open_for_writing_at_the_crash_keeps_what_reached_the_staging_file()
    {
        var drive = new FakeRemoteDrive();
        var cache = TestMount.NewCacheDirectory();
        await using (var fs = await StartAsync(drive, cache, TimeSpan.FromHours(1)))
        {
            var created = (await fs.CreateAsync(Root, "open.log", 0x1A4, true, new OpenOptions(FileAccessMode.Write), Token)).Ok();
            await fs.WriteAsync(created.HandleId, 0, new byte[] { 1, 2, 3, 4 }, Token);

            // No close: the mount goes away with the handle open.
        }

        await using var next = await StartAsync(drive, cache, TimeSpan.Zero);
        await next.UploadAllAsync();
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, drive.ContentOf(Assert.Single(drive.FilesIn(drive.RootFolderId))));
    }

    [Fact]
    public async Task An_upload_that_landed_but_whose_answer_was_lost_is_found_not_sent_again()
    {
        var drive = new FakeRemoteDrive
        {
            UploadFailure = new RemoteDriveException(FsError.Unavailable, "connection reset after the body was sent"),
            UploadLandsBeforeFailure = true,
        };
        await using var fs = await StartAsync(drive, TestMount.NewCacheDirectory(), TimeSpan.Zero);

        var node = await fs.WriteNewFileAsync(Root, "once.bin", [7, 7]);
        Assert.True(SpinWait.SpinUntil(() => drive.CallsOf("find-upload") == 1, TimeSpan.FromSeconds(10)));
        await fs.UploadAllAsync();

        var stored = Assert.Single(drive.FilesIn(drive.RootFolderId));
        Assert.Equal(1, drive.Uploads);
        Assert.Equal(node, (await fs.LookupOkAsync(Root, "once.bin")).NodeId);
        Assert.Equal(new byte[] { 7, 7 }, drive.ContentOf(stored));
    }

    [Fact]
    public async Task A_crash_after_the_upload_landed_but_before_it_was_recorded_sends_nothing_twice()
    {
        var drive = new FakeRemoteDrive { AfterStoreGate = new TaskCompletionSource() };
        var cache = TestMount.NewCacheDirectory();
        await using (var fs = await StartAsync(drive, cache, TimeSpan.Zero))
        {
            await fs.WriteNewFileAsync(Root, "movie.mkv", [1, 2, 3, 4, 5]);
            Assert.True(SpinWait.SpinUntil(() => drive.Uploads == 1, TimeSpan.FromSeconds(10)));
        }

        drive.AfterStoreGate = null;
        await using var next = await StartAsync(drive, cache, TimeSpan.Zero);
        await next.UploadAllAsync();

        Assert.Equal(1, drive.Uploads);
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, drive.ContentOf(Assert.Single(drive.FilesIn(drive.RootFolderId))));
        Assert.Equal(5, (await next.LookupOkAsync(Root, "movie.mkv")).Size);
    }

    [Fact]
    public async Task A_crash_in_the_middle_of_an_upload_that_never_landed_sends_it_once_more()
    {
        var drive = new FakeRemoteDrive { UploadGate = new TaskCompletionSource() };
        var cache = TestMount.NewCacheDirectory();
        await using (var fs = await StartAsync(drive, cache, TimeSpan.Zero))
        {
            await fs.WriteNewFileAsync(Root, "half.bin", [8, 8, 8]);
            Assert.True(SpinWait.SpinUntil(() => drive.CallsOf("upload") == 1, TimeSpan.FromSeconds(10)));
        }

        drive.UploadGate = null;
        await using var next = await StartAsync(drive, cache, TimeSpan.Zero);
        await next.UploadAllAsync();

        Assert.Equal(1, drive.Uploads);
        Assert.Equal(1, drive.CallsOf("find-upload"));
        Assert.Single(drive.FilesIn(drive.RootFolderId));
    }

    [Fact]
    public async Task A_writer_arriving_during_an_upload_stops_it_and_the_newer_bytes_are_uploaded_instead()
    {
        var drive = new FakeRemoteDrive { UploadGate = new TaskCompletionSource() };
        await using var fs = await StartAsync(drive, TestMount.NewCacheDirectory(), TimeSpan.Zero);
        var node = await fs.WriteNewFileAsync(Root, "doc.txt", "first"u8.ToArray());
        Assert.True(SpinWait.SpinUntil(() => drive.CallsOf("upload") == 1, TimeSpan.FromSeconds(10)));

        var opened = (await fs.OpenAsync(node, new OpenOptions(FileAccessMode.Write, Truncate: true), Token)).Ok();
        drive.UploadGate = null;
        await fs.WriteAsync(opened.HandleId, 0, "second"u8.ToArray(), Token);
        await fs.ReleaseAsync(opened.HandleId);
        await fs.UploadAllAsync();

        Assert.Equal("second"u8.ToArray(), drive.ContentOf(Assert.Single(drive.FilesIn(drive.RootFolderId))));
        Assert.Equal("second"u8.ToArray(), await fs.ReadAllAsync(node));
    }

    [Fact]
    public async Task A_writer_arriving_after_an_upload_landed_makes_it_an_old_version_that_is_removed()
    {
        var drive = new FakeRemoteDrive { AfterStoreGate = new TaskCompletionSource() };
        await using var fs = await StartAsync(drive, TestMount.NewCacheDirectory(), TimeSpan.Zero);
        var node = await fs.WriteNewFileAsync(Root, "doc.txt", "first"u8.ToArray());
        Assert.True(SpinWait.SpinUntil(() => drive.Uploads == 1, TimeSpan.FromSeconds(10)));

        var opened = (await fs.OpenAsync(node, new OpenOptions(FileAccessMode.Write, Append: true), Token)).Ok();
        drive.AfterStoreGate = null;
        await fs.WriteAsync(opened.HandleId, 0, "+more"u8.ToArray(), Token);
        await fs.ReleaseAsync(opened.HandleId);
        await fs.UploadAllAsync();

        Assert.Equal("first+more"u8.ToArray(), drive.ContentOf(Assert.Single(drive.FilesIn(drive.RootFolderId))));
        Assert.Equal(2, drive.Uploads);
    }

    [Fact]
    public async Task Small_files_of_one_folder_that_are_due_together_share_one_upload_request()
    {
        var drive = new FakeRemoteDrive();
        await using var fs = await StartAsync(drive, TestMount.NewCacheDirectory(), TimeSpan.FromHours(1));
        var folder = (await fs.CreateDirectoryAsync(Root, "album", 0x1ED, Token)).Ok();
        for (var i = 0; i < 30; i++)
        {
            await fs.WriteNewFileAsync(i % 2 == 0 ? Root : folder.NodeId, $"track{i:D2}.flac", [(byte)i, 1, 2]);
        }

        await fs.UploadAllAsync();

        Assert.Equal(30, drive.Uploads);
        Assert.Equal(2, drive.UploadRequests);
        Assert.Equal(15, drive.FilesIn(drive.RootFolderId).Count);
        Assert.All(drive.FilesIn(drive.RootFolderId), file => Assert.Equal(0, drive.ContentOf(file)[0] % 2));
    }

    [Fact]
    public async Task A_failing_upload_is_retried_and_never_dropped()
    {
        var drive = new FakeRemoteDrive { UploadFailure = new RemoteDriveException(FsError.Unavailable, "503") };
        await using var fs = await StartAsync(drive, TestMount.NewCacheDirectory(), TimeSpan.Zero, retryDelay: TimeSpan.FromMilliseconds(10));

        await fs.WriteNewFileAsync(Root, "retry.txt", [3]);
        await fs.UploadAllAsync();

        Assert.Equal(2, drive.CallsOf("upload"));
        Assert.Single(drive.FilesIn(drive.RootFolderId));
    }

    [Fact]
    public async Task Journal_rows_and_data_files_that_cannot_be_paired_are_quarantined_not_deleted()
    {
        var drive = new FakeRemoteDrive();
        var cache = TestMount.NewCacheDirectory();
        await using (await StartAsync(drive, cache, TimeSpan.Zero))
        {
        }

        var orphan = Path.Combine(cache, "staging", "orphan0000aa");
        await File.WriteAllBytesAsync(orphan, [1, 2, 3], Token);
        await using var fs = await StartAsync(drive, cache, TimeSpan.Zero);

        Assert.False(File.Exists(orphan));
        Assert.Equal(new byte[] { 1, 2, 3 }, await File.ReadAllBytesAsync(Path.Combine(cache, "quarantine", "orphan0000aa"), Token));
        Assert.Equal(0, drive.Uploads);
    }

    [Fact]
    public async Task Two_mounts_cannot_share_a_cache_folder()
    {
        var cache = TestMount.NewCacheDirectory();
        await using var first = await StartAsync(new FakeRemoteDrive(), cache, TimeSpan.Zero);

        var refused = Assert.Throws<FsException>(() => TestMount.Create(new FakeRemoteDrive(), options: new FsMountOptions { CacheDirectory = cache }));
        Assert.Contains("in use", refused.Message, StringComparison.Ordinal);
    }

    private static async Task<MountedFileSystem> StartAsync(FakeRemoteDrive drive, string cache, TimeSpan writeBack, TimeSpan? retryDelay = null)
    {
        var options = new FsMountOptions { CacheDirectory = cache, WriteBackDelay = writeBack };
        if (retryDelay is { } delay)
        {
            options.UploadRetryDelay = delay;
        }

        var fs = new MountedFileSystem(drive, Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        await fs.InitializeAsync(Token);
        return fs;
    }
}
