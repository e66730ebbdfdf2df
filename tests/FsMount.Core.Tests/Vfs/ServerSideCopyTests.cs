using FsMount.Core.Errors;
using FsMount.Core.Remote;
using FsMount.Core.Tests.Fakes;
using FsMount.Core.Vfs;

namespace FsMount.Core.Tests.Vfs;

/// <summary>copy_file_range through the core: a whole remote file into a new empty file is one copy on the service.</summary>
public sealed class ServerSideCopyTests
{
    private const ulong Root = IVirtualFileSystem.RootNodeId;
    private const int Size = 300_000;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_whole_remote_file_copied_into_a_new_file_is_copied_on_the_service_and_never_uploaded()
    {
        var drive = new FakeRemoteDrive();
        var source = drive.AddFile(drive.RootFolderId, "film.mkv", Size);
        var cache = TestMount.NewCacheDirectory();
        await using (var fs = await TestMount.StartAsync(drive, options: new FsMountOptions { CacheDirectory = cache }))
        {
            var (from, to) = await OpenBothAsync(fs, "film.mkv", "copy.mkv");

            var copied = await fs.CopyFileRangeAsync(from, 0, to, 0, long.MaxValue, Token);

            Assert.Equal(Size, copied.Ok());
            Assert.Equal(1, drive.CallsOf("cp"));

            // The descriptor still works: it now reads the copy.
            var head = new byte[100];
            Assert.Equal(100, (await fs.ReadAsync(to, 0, head, Token)).Ok());
            Assert.Equal(FakeContent.Range(source.ShortId, 0, 100), head);
            Assert.Equal(FsError.None, await fs.FlushAsync(to, Token));
            await fs.ReleaseAsync(to);
            await fs.ReleaseAsync(from);

            var node = await fs.LookupOkAsync(Root, "copy.mkv");
            Assert.Equal(Size, node.Size);
            Assert.Equal(FakeContent.Range(source.ShortId, 0, Size), await fs.ReadAllAsync(node.NodeId));
            await fs.UploadAllAsync();
        }

        // Nothing was staged for it, so nothing is uploaded now or at the next mount.
        await using (var again = await TestMount.StartAsync(drive, options: new FsMountOptions { CacheDirectory = cache }))
        {
            await again.UploadAllAsync();
        }

        Assert.Equal(0, drive.Uploads);
        var copy = Assert.Single(drive.FilesIn(drive.RootFolderId), file => file.Name == "copy.mkv");
        Assert.Equal(FakeContent.Range(source.ShortId, 0, Size), drive.ContentOf(copy));
    }

    [Theory]
    [InlineData("offset")]
    [InlineData("part")]
    [InlineData("written")]
    [InlineData("staged source")]
    public async Task Copies_the_service_cannot_make_are_refused_so_the_caller_copies_through_reads_and_writes(string case_)
    {
        var drive = new FakeRemoteDrive();
        drive.AddFile(drive.RootFolderId, "film.mkv", Size);
        await using var fs = await TestMount.StartAsync(drive);
        if (case_ == "staged source")
        {
            await fs.WriteNewFileAsync(Root, "draft.mkv", new byte[Size]);
        }

        var (from, to) = await OpenBothAsync(fs, case_ == "staged source" ? "draft.mkv" : "film.mkv", "copy.mkv");
        if (case_ == "written")
        {
            await fs.WriteAsync(to, 0, new byte[] { 1 }, Token);
        }

        var copied = case_ switch
        {
            "offset" => await fs.CopyFileRangeAsync(from, 4096, to, 0, Size, Token),
            "part" => await fs.CopyFileRangeAsync(from, 0, to, 0, Size - 1, Token),
            _ => await fs.CopyFileRangeAsync(from, 0, to, 0, Size, Token),
        };

        Assert.Equal(FsError.NotSupported, copied.Error);
        Assert.Equal(0, drive.CallsOf("cp"));
    }

    [Fact]
    public async Task A_copy_the_service_refuses_leaves_the_new_file_empty_and_writable()
    {
        var drive = new FakeRemoteDrive { CopyFailure = new RemoteDriveException(FsError.NoSpace, "quota") };
        drive.AddFile(drive.RootFolderId, "film.mkv", Size);
        await using var fs = await TestMount.StartAsync(drive);
        var (from, to) = await OpenBothAsync(fs, "film.mkv", "copy.mkv");

        var copied = await fs.CopyFileRangeAsync(from, 0, to, 0, Size, Token);
        var written = await fs.WriteAsync(to, 0, new byte[] { 7, 7 }, Token);
        await fs.ReleaseAsync(to);
        await fs.UploadAllAsync();

        Assert.Equal(FsError.NoSpace, copied.Error);
        Assert.Equal(2, written.Ok());
        Assert.Equal(new byte[] { 7, 7 }, drive.ContentOf(Assert.Single(drive.FilesIn(drive.RootFolderId), file => file.Name == "copy.mkv")));
    }

    // A source opened for reading and a new file created for reading and writing, as cp opens them.
    private static async Task<(ulong Source, ulong Destination)> OpenBothAsync(MountedFileSystem fs, string source, string destination)
    {
        var from = await fs.OpenFileAsync(source);
        var created = await fs.CreateAsync(Root, destination, 0x1A4, exclusive: true, new OpenOptions(FileAccessMode.ReadWrite), Token);
        return (from, created.Ok().HandleId);
    }
}
