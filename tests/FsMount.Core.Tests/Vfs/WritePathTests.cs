using System.Text;
using FsMount.Core.Errors;
using FsMount.Core.Remote;
using FsMount.Core.Tests.Fakes;
using FsMount.Core.Vfs;
using FsMount.Testing;
using Microsoft.Extensions.Time.Testing;

namespace FsMount.Core.Tests.Vfs;

/// <summary>Writes through the core: staging, the upload after close, and what the namespace shows meanwhile.</summary>
public sealed class WritePathTests
{
    private const ulong Root = IVirtualFileSystem.RootNodeId;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_written_file_is_shown_at_once_read_from_staging_and_uploaded_after_close_under_the_same_node()
    {
        var drive = new FakeRemoteDrive();
        await using var fs = await StartAsync(drive);
        var content = Encoding.UTF8.GetBytes("hello, staged world");

        var node = await fs.WriteNewFileAsync(Root, "greeting.txt", content);

        var listed = (await fs.ReadDirectoryAsync(Root, Token)).Ok();
        Assert.Equal(("greeting.txt", (long)content.Length), (listed.Single().Name, listed.Single().Attributes.Size));
        Assert.Equal(content, await fs.ReadAllAsync(node));
        Assert.Equal(0, drive.Uploads);

        await fs.UploadAllAsync();

        var uploaded = Assert.Single(drive.FilesIn(drive.RootFolderId));
        Assert.Equal("greeting.txt", uploaded.Name);
        Assert.Equal(content, drive.ContentOf(uploaded));
        Assert.Equal(1, drive.Uploads);
        Assert.Equal(node, (await fs.LookupOkAsync(Root, "greeting.txt")).NodeId);
        Assert.Equal(content, await fs.ReadAllAsync(node));
        Assert.Equal(1, drive.TotalListCalls);
    }

    [Fact]
    public async Task The_upload_waits_for_the_write_back_delay_after_the_last_close()
    {
        var drive = new FakeRemoteDrive();
        var time = new FakeTimeProvider(FakeRemoteDrive.Epoch);
        await using var fs = await StartAsync(drive, time, new FsMountOptions { WriteBackDelay = TimeSpan.FromSeconds(5) });

        await fs.WriteNewFileAsync(Root, "late.txt", [1, 2, 3]);
        time.Advance(TimeSpan.FromSeconds(4));
        await Task.Delay(50, Token);
        Assert.Equal(0, drive.Uploads);

        // The queue may have read the clock just before an advance and set its timer just after: the
        // fake clock moves on until the upload starts, as a real one would.
        await Eventually.TrueAsync(
            () =>
            {
                time.Advance(TimeSpan.FromSeconds(1));
                return drive.Uploads == 1;
            },
            "the upload started");
    }

    [Fact]
    public async Task A_file_renamed_or_rewritten_before_its_upload_is_uploaded_once_as_it_ended()
    {
        var drive = new FakeRemoteDrive();
        var folder = drive.AddFolder(drive.RootFolderId, 11, "Docs");
        await using var fs = await StartAsync(drive);
        var docs = await fs.LookupOkAsync(Root, "Docs");

        var node = await fs.WriteNewFileAsync(Root, ".report.txt.tmp", [1, 1, 1]);
        var reopened = (await fs.OpenAsync(node, new OpenOptions(FileAccessMode.Write, Truncate: true), Token)).Ok();
        await fs.WriteAsync(reopened.HandleId, 0, new byte[] { 2, 2 }, Token);
        await fs.ReleaseAsync(reopened.HandleId);
        Assert.Equal(FsError.None, await fs.RenameAsync(Root, ".report.txt.tmp", docs.NodeId, "report.txt", RenameOptions.Replace, Token));

        await fs.UploadAllAsync();

        Assert.Empty(drive.FilesIn(drive.RootFolderId));
        var uploaded = Assert.Single(drive.FilesIn(folder.Id));
        Assert.Equal("report.txt", uploaded.Name);
        Assert.Equal(new byte[] { 2, 2 }, drive.ContentOf(uploaded));
        Assert.Equal(1, drive.Uploads);
        Assert.Equal(0, drive.CallsOf("mv"));
    }

    [Fact]
    public async Task A_file_removed_before_its_upload_costs_no_call()
    {
        var drive = new FakeRemoteDrive();
        await using var fs = await StartAsync(drive);

        await fs.WriteNewFileAsync(Root, "scratch", [9]);
        Assert.Equal(FsError.None, await fs.RemoveFileAsync(Root, "scratch", Token));
        await fs.UploadAllAsync();

        Assert.Equal(FsError.NotFound, (await fs.LookupAsync(Root, "scratch", Token)).Error);
        Assert.Equal(0, drive.CallsOf("begin-upload") + drive.CallsOf("upload") + drive.CallsOf("rm"));
    }

    [Fact]
    public async Task Overwriting_keeps_the_node_uploads_the_new_bytes_then_removes_the_old_file()
    {
        var drive = new FakeRemoteDrive();
        var old = drive.AddFile(drive.RootFolderId, "movie.nfo", size: 500);
        await using var fs = await StartAsync(drive);
        var node = (await fs.LookupOkAsync(Root, "movie.nfo")).NodeId;

        var opened = (await fs.OpenAsync(node, new OpenOptions(FileAccessMode.Write, Truncate: true), Token)).Ok();
        Assert.Equal(0, (await fs.GetAttributesAsync(node, Token)).Ok().Size);
        await fs.WriteAsync(opened.HandleId, 0, "<movie/>"u8.ToArray(), Token);
        await fs.ReleaseAsync(opened.HandleId);
        Assert.Equal(8, (await fs.LookupOkAsync(Root, "movie.nfo")).Size);

        await fs.UploadAllAsync();

        var now = Assert.Single(drive.FilesIn(drive.RootFolderId));
        Assert.NotEqual(old.Id, now.Id);
        Assert.Equal("<movie/>"u8.ToArray(), drive.ContentOf(now));
        Assert.Equal(node, (await fs.LookupOkAsync(Root, "movie.nfo")).NodeId);
        Assert.Empty(drive.Readers);
    }

    [Fact]
    public async Task Appending_to_a_remote_file_fetches_it_first_and_keeps_every_byte()
    {
        var drive = new FakeRemoteDrive();
        var log = drive.AddFile(drive.RootFolderId, "log.txt", size: 3000);
        await using var fs = await StartAsync(drive);
        var node = (await fs.LookupOkAsync(Root, "log.txt")).NodeId;

        var opened = (await fs.OpenAsync(node, new OpenOptions(FileAccessMode.Write, Append: true), Token)).Ok();
        await fs.WriteAsync(opened.HandleId, 0, "tail"u8.ToArray(), Token);
        await fs.ReleaseAsync(opened.HandleId);
        await fs.UploadAllAsync();

        var expected = FakeContent.Range(log.ShortId, 0, 3000).Concat("tail"u8.ToArray()).ToArray();
        Assert.Equal(expected, drive.ContentOf(Assert.Single(drive.FilesIn(drive.RootFolderId))));
    }

    [Fact]
    public async Task Opening_for_writing_without_writing_costs_no_download_and_no_upload()
    {
        var drive = new FakeRemoteDrive();
        drive.AddFile(drive.RootFolderId, "big.mkv", size: 10_000_000);
        await using var fs = await StartAsync(drive);
        var node = (await fs.LookupOkAsync(Root, "big.mkv")).NodeId;

        // touch(1): open for writing, set the times, close.
        var opened = (await fs.OpenAsync(node, new OpenOptions(FileAccessMode.Write), Token)).Ok();
        var time = new DateTimeOffset(2020, 2, 2, 2, 2, 2, TimeSpan.Zero);
        await fs.SetAttributesAsync(node, opened.HandleId, new AttributeChanges { LastWriteTime = time }, Token);
        await fs.ReleaseAsync(opened.HandleId);
        await fs.UploadAllAsync();

        Assert.Equal(time, (await fs.GetAttributesAsync(node, Token)).Ok().LastWriteTime);
        Assert.Equal(0, drive.BytesServed);
        Assert.Equal(0, drive.Uploads);
    }

    [Fact]
    public async Task Truncating_a_remote_file_to_a_smaller_size_keeps_its_head()
    {
        var drive = new FakeRemoteDrive();
        var file = drive.AddFile(drive.RootFolderId, "f.bin", size: 100_000);
        await using var fs = await StartAsync(drive);
        var node = (await fs.LookupOkAsync(Root, "f.bin")).NodeId;

        Assert.Equal(10, (await fs.SetAttributesAsync(node, null, new AttributeChanges { Size = 10 }, Token)).Ok().Size);
        await fs.UploadAllAsync();

        Assert.Equal(FakeContent.Range(file.ShortId, 0, 10), drive.ContentOf(Assert.Single(drive.FilesIn(drive.RootFolderId))));
    }

    [Fact]
    public async Task Sparse_writes_and_extensions_read_back_as_zeros_like_a_local_disk()
    {
        var drive = new FakeRemoteDrive();
        await using var fs = await StartAsync(drive);
        var created = (await fs.CreateAsync(Root, "sparse", 0x1A4, exclusive: true, new OpenOptions(FileAccessMode.ReadWrite), Token)).Ok();

        await fs.WriteAsync(created.HandleId, 1_000_000, new byte[] { 7 }, Token);
        await fs.SetAttributesAsync(created.Attributes.NodeId, created.HandleId, new AttributeChanges { Size = 1_000_010 }, Token);
        await fs.ReleaseAsync(created.HandleId);
        await fs.UploadAllAsync();

        var expected = new byte[1_000_010];
        expected[1_000_000] = 7;
        Assert.Equal(expected, drive.ContentOf(Assert.Single(drive.FilesIn(drive.RootFolderId))));
    }

    [Fact]
    public async Task An_empty_file_is_stored_as_one_nul_byte_and_shown_empty()
    {
        var drive = new FakeRemoteDrive();
        await using var fs = await StartAsync(drive);

        var node = (await fs.MakeFileAsync(Root, ".keep", 0x1A4, Token)).Ok().NodeId;
        await fs.UploadAllAsync();

        var stored = Assert.Single(drive.FilesIn(drive.RootFolderId));
        Assert.Equal(new byte[] { 0 }, drive.ContentOf(stored));
        Assert.Equal(0, (await fs.GetAttributesAsync(node, Token)).Ok().Size);
        Assert.Empty(await fs.ReadAllAsync(node));
    }

    [Fact]
    public async Task Mkdir_shows_the_folder_at_once_and_its_empty_listing_costs_nothing()
    {
        var drive = new FakeRemoteDrive();
        await using var fs = await StartAsync(drive);

        var folder = (await fs.CreateDirectoryAsync(Root, "Saison 1", 0x1ED, Token)).Ok();

        Assert.True(folder.IsDirectory);
        Assert.Equal("Saison 1", Assert.Single(drive.FoldersIn(drive.RootFolderId)).Name);
        Assert.Empty((await fs.ReadDirectoryAsync(folder.NodeId, Token)).Ok());
        Assert.Equal(folder.NodeId, (await fs.LookupOkAsync(Root, "Saison 1")).NodeId);
        Assert.Equal(FsError.Exists, (await fs.CreateDirectoryAsync(Root, "Saison 1", 0x1ED, Token)).Error);
        Assert.Equal(1, drive.TotalListCalls);
    }

    [Fact]
    public async Task Rmdir_refuses_a_folder_with_entries_including_staged_ones()
    {
        var drive = new FakeRemoteDrive();
        await using var fs = await StartAsync(drive);
        var folder = (await fs.CreateDirectoryAsync(Root, "d", 0x1ED, Token)).Ok();
        await fs.WriteNewFileAsync(folder.NodeId, "inside", [1]);

        Assert.Equal(FsError.NotEmpty, await fs.RemoveDirectoryAsync(Root, "d", Token));
        Assert.Equal(FsError.None, await fs.RemoveFileAsync(folder.NodeId, "inside", Token));
        Assert.Equal(FsError.None, await fs.RemoveDirectoryAsync(Root, "d", Token));
        Assert.Empty(drive.FoldersIn(drive.RootFolderId));
        Assert.Equal(FsError.NotFound, (await fs.LookupAsync(Root, "d", Token)).Error);
    }

    [Fact]
    public async Task Renames_of_remote_files_and_folders_show_at_once_and_replace_their_target()
    {
        var drive = new FakeRemoteDrive();
        var a = drive.AddFile(drive.RootFolderId, "a.txt", size: 10);
        drive.AddFile(drive.RootFolderId, "b.txt", size: 20);
        drive.AddFolder(drive.RootFolderId, 11, "Old");
        drive.AddFolder(drive.RootFolderId, 12, "Target");
        await using var fs = await StartAsync(drive);
        var target = await fs.LookupOkAsync(Root, "Target");
        var aNode = (await fs.LookupOkAsync(Root, "a.txt")).NodeId;

        Assert.Equal(FsError.None, await fs.RenameAsync(Root, "a.txt", Root, "b.txt", RenameOptions.Replace, Token));
        Assert.Equal(FsError.None, await fs.RenameAsync(Root, "Old", target.NodeId, "New", RenameOptions.Replace, Token));

        var rootNames = (await fs.ReadDirectoryAsync(Root, Token)).Ok().Select(e => e.Name);
        Assert.Equal(["Target", "b.txt"], rootNames);
        var b = await fs.LookupOkAsync(Root, "b.txt");
        Assert.Equal((aNode, 10L), (b.NodeId, b.Size));
        Assert.Equal("New", Assert.Single((await fs.ReadDirectoryAsync(target.NodeId, Token)).Ok()).Name);
        Assert.Equal([a.Id], drive.FilesIn(drive.RootFolderId).Select(f => f.Id));
        Assert.Equal("b.txt", drive.FilesIn(drive.RootFolderId)[0].Name);
        Assert.Equal(2, drive.TotalListCalls);
    }

    [Fact]
    public async Task Rename_with_no_replace_refuses_an_existing_target_and_exchange_is_refused()
    {
        var drive = new FakeRemoteDrive();
        drive.AddFile(drive.RootFolderId, "a", size: 1);
        drive.AddFile(drive.RootFolderId, "b", size: 1);
        await using var fs = await StartAsync(drive);

        Assert.Equal(FsError.Exists, await fs.RenameAsync(Root, "a", Root, "b", RenameOptions.NoReplace, Token));
        Assert.Equal(FsError.InvalidArgument, await fs.RenameAsync(Root, "a", Root, "b", RenameOptions.Exchange, Token));
        Assert.Equal(0, drive.CallsOf("mv") + drive.CallsOf("rm"));
    }

    [Fact]
    public async Task A_read_only_mount_refuses_every_change_and_still_reads()
    {
        var drive = new FakeRemoteDrive();
        drive.AddFile(drive.RootFolderId, "a", size: 5);
        await using var fs = await StartAsync(drive, options: new FsMountOptions { ReadOnly = true });
        var node = await fs.LookupOkAsync(Root, "a");

        Assert.Equal(0x124u, node.Permissions); // 0444
        Assert.Equal(FsError.ReadOnly, (await fs.OpenAsync(node.NodeId, new OpenOptions(FileAccessMode.Write), Token)).Error);
        Assert.Equal(FsError.ReadOnly, (await fs.CreateAsync(Root, "n", 0x1A4, false, new OpenOptions(FileAccessMode.Write), Token)).Error);
        Assert.Equal(FsError.ReadOnly, (await fs.CreateDirectoryAsync(Root, "d", 0x1ED, Token)).Error);
        Assert.Equal(FsError.ReadOnly, await fs.RemoveFileAsync(Root, "a", Token));
        Assert.Equal(FsError.ReadOnly, await fs.RenameAsync(Root, "a", Root, "b", RenameOptions.Replace, Token));
        Assert.Equal(FsError.ReadOnly, (await fs.SetAttributesAsync(node.NodeId, null, new AttributeChanges { Size = 0 }, Token)).Error);
        Assert.Equal(5, (await fs.ReadAllAsync(node.NodeId)).Length);
    }

    [Theory]
    [InlineData(0x000u, 0x124u, 0x16Du)] // no umask: files 0444, folders 0555
    [InlineData(0x03Fu, 0x100u, 0x140u)] // --umask 077: files 0400, folders 0500
    public async Task A_read_only_mount_shows_no_write_bit_on_files_folders_or_the_root(uint umask, uint fileMode, uint folderMode)
    {
        var drive = new FakeRemoteDrive();
        drive.AddFile(drive.RootFolderId, "a", size: 5);
        drive.AddFolder(drive.RootFolderId, 4242, "Docs");
        await using var fs = await StartAsync(drive, options: new FsMountOptions { ReadOnly = true, Umask = umask });

        Assert.Equal(fileMode, (await fs.LookupOkAsync(Root, "a")).Permissions);
        Assert.Equal(folderMode, (await fs.LookupOkAsync(Root, "Docs")).Permissions);
        Assert.Equal(folderMode, (await fs.GetAttributesAsync(Root, Token)).Ok().Permissions);
    }

    [Fact]
    public async Task Times_and_permissions_set_by_the_user_survive_the_upload_and_a_remount()
    {
        var drive = new FakeRemoteDrive();
        var cache = TestMount.NewCacheDirectory();
        var time = new DateTimeOffset(2019, 3, 4, 5, 6, 7, 890, TimeSpan.Zero);
        await using (var fs = await StartAsync(drive, options: new FsMountOptions { CacheDirectory = cache }))
        {
            var node = await fs.WriteNewFileAsync(Root, "photo.jpg", [1, 2, 3]);
            await fs.SetAttributesAsync(node, null, new AttributeChanges { LastWriteTime = time, Permissions = 0x180 }, Token);
            await fs.UploadAllAsync();
        }

        await using var again = await StartAsync(drive, options: new FsMountOptions { CacheDirectory = cache });
        var shown = await again.LookupOkAsync(Root, "photo.jpg");
        Assert.Equal((time, 0x180u), (shown.LastWriteTime, shown.Permissions));
    }

    [Fact]
    public async Task A_write_past_the_known_free_space_is_refused_with_no_space()
    {
        var drive = new FakeRemoteDrive { AccountInfo = new RemoteAccountInfo(UsedBytes: 900, TotalBytes: 1000) };
        await using var fs = await StartAsync(drive);
        await fs.WaitForCapacityAsync(drive);
        var created = (await fs.CreateAsync(Root, "big", 0x1A4, true, new OpenOptions(FileAccessMode.Write), Token)).Ok();

        Assert.Equal(60, (await fs.WriteAsync(created.HandleId, 0, new byte[60], Token)).Ok());
        Assert.Equal(FsError.NoSpace, (await fs.WriteAsync(created.HandleId, 60, new byte[60], Token)).Error);
        Assert.Equal(FsError.TooLarge, (await fs.WriteAsync(created.HandleId, new FsMountOptions().MaxFileSize, new byte[1], Token)).Error);
        await fs.ReleaseAsync(created.HandleId);
    }

    [Fact]
    public async Task Case_insensitive_names_find_any_case_keep_the_written_one_and_show_both_of_a_pair()
    {
        var drive = new FakeRemoteDrive();
        drive.AddFile(drive.RootFolderId, "Movie.mkv", size: 1, FakeRemoteDrive.Epoch, "aaaaaaaaaa");
        drive.AddFile(drive.RootFolderId, "movie.MKV", size: 2, FakeRemoteDrive.Epoch.AddDays(1), "bbbbbbbbbb");
        await using var fs = await StartAsync(drive, options: new FsMountOptions { CaseInsensitiveNames = true });

        Assert.Equal(["Movie.mkv", "movie (bbbbbbbbbb).MKV"], (await fs.ReadDirectoryAsync(Root, Token)).Ok().Select(e => e.Name));
        Assert.Equal(1, (await fs.LookupOkAsync(Root, "MOVIE.MKV")).Size);

        Assert.Equal(FsError.None, await fs.RenameAsync(Root, "movie.mkv", Root, "MOVIE.mkv", RenameOptions.Replace, Token));
        Assert.Contains("MOVIE.mkv", (await fs.ReadDirectoryAsync(Root, Token)).Ok().Select(e => e.Name));
        Assert.Equal(2, drive.FilesIn(drive.RootFolderId).Count);
    }

    private static async Task<MountedFileSystem> StartAsync(FakeRemoteDrive drive, FakeTimeProvider? time = null, FsMountOptions? options = null)
    {
        var fs = TestMount.Create(drive, time, options);
        await fs.InitializeAsync(Token);
        return fs;
    }
}
