using FsMount.Core.Errors;
using FsMount.Core.Remote;
using FsMount.OneFichier.Tests.Support;

namespace FsMount.OneFichier.Tests.Drive;

public sealed class OneFichierDriveFileTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_file_moves_by_the_one_call_its_move_needs()
    {
        await using var bed = await TestBed.StartAsync();
        using var drive = new OneFichierDrive(bed.Client);
        var other = await drive.CreateFolderAsync(0, "other", Ct);
        var file = await UploadAsync(bed, drive, 0, "a.txt");

        Assert.Same(file, await drive.MoveFileAsync(file, 0, 0, "a.txt", Ct));
        Assert.Equal((0, 0), (await bed.CallsAsync("file/rename.cgi"), await bed.CallsAsync("file/mv.cgi")));

        file = await drive.MoveFileAsync(file, 0, 0, "b.txt", Ct);
        Assert.Equal((1, 0), (await bed.CallsAsync("file/rename.cgi"), await bed.CallsAsync("file/mv.cgi")));

        file = await drive.MoveFileAsync(file, 0, other.Id, "b.txt", Ct);
        Assert.Equal((1, 1), (await bed.CallsAsync("file/rename.cgi"), await bed.CallsAsync("file/mv.cgi")));

        file = await drive.MoveFileAsync(file, other.Id, 0, "c.txt", Ct);
        Assert.Equal((1, 2), (await bed.CallsAsync("file/rename.cgi"), await bed.CallsAsync("file/mv.cgi")));

        Assert.Equal(0, await bed.KoAsync("file/mv.cgi", 312) + await bed.KoAsync("file/rename.cgi", 312));
        var details = await bed.Client.GetFileInfoAsync(file.Id, Ct);
        Assert.Equal((0, "c.txt"), (details.FolderId, details.Filename));
        Assert.Equal("c.txt", file.Name);
    }

    [Fact]
    public async Task A_rename_and_a_move_whose_answers_are_lost_find_the_work_done()
    {
        await using var bed = await TestBed.StartAsync(configure: o =>
        {
            TestBed.FastPacing(o);
            o.MaxRetries = 1;
        });
        using var drive = new OneFichierDrive(bed.Client);
        var other = await drive.CreateFolderAsync(0, "other", Ct);
        var file = await UploadAsync(bed, drive, 0, "a.txt");
        await bed.DropResponsesAsync("file/rename.cgi", "file/mv.cgi");

        // The rename's repeat hears "No file has been renamed #312": it has the name already.
        file = await drive.MoveFileAsync(file, 0, 0, "b.txt", Ct);
        Assert.Equal(1, await bed.KoAsync("file/rename.cgi", 312));

        // The move with a rename: its repeat hears #312, the move without a rename that follows loses its answers
        // too, and file/info.cgi finds the file in place.
        file = await drive.MoveFileAsync(file, 0, other.Id, "c.txt", Ct);
        Assert.Equal(1, await bed.KoAsync("file/mv.cgi", 312));

        var details = await bed.Client.GetFileInfoAsync(file.Id, Ct);
        Assert.Equal((other.Id, "c.txt"), (details.FolderId, details.Filename));
    }

    [Fact]
    public async Task Moving_a_file_that_is_gone_is_not_found()
    {
        await using var bed = await TestBed.StartAsync();
        using var drive = new OneFichierDrive(bed.Client);
        var file = await UploadAsync(bed, drive, 0, "a.txt");
        await drive.RemoveFileAsync(file, Ct);

        var error = await Assert.ThrowsAsync<RemoteDriveException>(() => drive.MoveFileAsync(file, 0, 0, "b.txt", Ct));

        Assert.Equal(FsError.NotFound, error.Error);
    }

    [Fact]
    public async Task A_copy_whose_answer_is_lost_is_found_beside_its_source_and_not_sent_again()
    {
        await using var bed = await TestBed.StartAsync();
        using var drive = new OneFichierDrive(bed.Client);
        var file = await UploadAsync(bed, drive, 0, "a.txt");
        await bed.DropResponsesAsync("file/cp.cgi");

        // Into the same folder under the same name: the source matches the name and size too, and must not be taken.
        var copy = await drive.CopyFileAsync(file, 0, "a.txt", Ct);

        Assert.Equal(1, await bed.CallsAsync("file/cp.cgi"));
        Assert.Equal(1, await bed.DroppedResponsesAsync());
        var files = (await drive.ListFolderAsync(0, Ct)).Files;
        Assert.Equal(2, files.Count);
        Assert.NotEqual(file.Id, copy.Id);
        Assert.Contains(files, f => f.Id == copy.Id && f.Name == "a.txt" && f.Size == file.Size);
    }

    [Fact]
    public async Task A_copy_lost_on_the_way_out_is_sent_again_once_and_an_answered_copy_has_a_new_url()
    {
        var lost = new LostRequests("file/cp.cgi", 1);
        await using var bed = await TestBed.StartAsync(
            configure: o =>
            {
                TestBed.FastPacing(o);
                o.UploadLookupAttempts = 1;
            },
            lostRequests: lost);
        using var drive = new OneFichierDrive(bed.Client);
        var target = await drive.CreateFolderAsync(0, "target", Ct);
        var file = await UploadAsync(bed, drive, 0, "a.txt");

        var copy = await drive.CopyFileAsync(file, target.Id, "b.txt", Ct);
        var second = await drive.CopyFileAsync(file, target.Id, "c.txt", Ct);

        Assert.Equal(1, lost.Lost);
        Assert.Equal(2, await bed.CallsAsync("file/cp.cgi"));
        var files = (await drive.ListFolderAsync(target.Id, Ct)).Files;
        Assert.Equal(["b.txt", "c.txt"], files.Select(f => f.Name).Order(StringComparer.Ordinal));
        Assert.Equal(files.Select(f => f.Id).Order(StringComparer.Ordinal), new[] { copy.Id, second.Id }.Order(StringComparer.Ordinal));
        Assert.Equal(file.Checksum, second.Checksum);
    }

    [Fact]
    public async Task Removing_a_file_whose_answer_is_lost_is_done_once_and_a_file_already_gone_is_removed()
    {
        await using var bed = await TestBed.StartAsync();
        using var drive = new OneFichierDrive(bed.Client);
        var file = await UploadAsync(bed, drive, 0, "a.txt");
        await bed.DropResponsesAsync("file/rm.cgi");

        await drive.RemoveFileAsync(file, Ct);
        await drive.RemoveFileAsync(file, Ct);

        Assert.Equal(1, await bed.DroppedResponsesAsync());
        Assert.Equal(2, await bed.KoAsync("file/rm.cgi", 469));
        Assert.Empty((await drive.ListFolderAsync(0, Ct)).Files);
    }

    private static async Task<RemoteFile> UploadAsync(TestBed bed, OneFichierDrive drive, long folderId, string name)
    {
        await bed.UploadBytesAsync(folderId, name, TestBed.RandomBytes(1000));
        return Assert.Single((await drive.ListFolderAsync(folderId, Ct)).Files, f => f.Name == name);
    }
}
