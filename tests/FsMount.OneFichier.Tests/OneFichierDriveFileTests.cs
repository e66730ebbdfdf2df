using FsMount.Core.Errors;
using FsMount.Core.Remote;
using FsMount.OneFichier.Tests.Support;

namespace FsMount.OneFichier.Tests;

public sealed class OneFichierDriveFileTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_file_moves_by_the_one_call_its_move_needs()
    {
        await using var bed = await TestBed.StartAsync();
        var other = await bed.Drive.CreateFolderAsync(0, "other", Ct);
        var file = await UploadAsync(bed, 0, "a.txt");

        Assert.Same(file, await bed.Drive.MoveFileAsync(file, 0, 0, "a.txt", Ct));
        Assert.Equal((0, 0), (await bed.CallsAsync("file/rename.cgi"), await bed.CallsAsync("file/mv.cgi")));

        file = await bed.Drive.MoveFileAsync(file, 0, 0, "b.txt", Ct);
        Assert.Equal((1, 0), (await bed.CallsAsync("file/rename.cgi"), await bed.CallsAsync("file/mv.cgi")));

        file = await bed.Drive.MoveFileAsync(file, 0, other.Id, "b.txt", Ct);
        Assert.Equal((1, 1), (await bed.CallsAsync("file/rename.cgi"), await bed.CallsAsync("file/mv.cgi")));

        file = await bed.Drive.MoveFileAsync(file, other.Id, 0, "c.txt", Ct);
        Assert.Equal((1, 2), (await bed.CallsAsync("file/rename.cgi"), await bed.CallsAsync("file/mv.cgi")));

        Assert.Equal(0, await bed.KoAsync("file/mv.cgi", 312) + await bed.KoAsync("file/rename.cgi", 312));
        var details = await bed.Client.GetFileInfoAsync(file.Id, Ct);
        Assert.Equal((0, "c.txt"), (details.FolderId, details.Filename));
        Assert.Equal("c.txt", file.Name);
    }

    [Fact]
    public async Task A_rename_and_a_move_whose_answers_are_lost_find_the_work_done()
    {
        await using var bed = await TestBed.StartAsync(configure: TestBed.FastPacingAnd(o => o.MaxRetries = 1));
        var other = await bed.Drive.CreateFolderAsync(0, "other", Ct);
        var file = await UploadAsync(bed, 0, "a.txt");
        await bed.DropResponsesAsync("file/rename.cgi", "file/mv.cgi");

        // The rename's repeat hears "No file has been renamed #312": it has the name already.
        file = await bed.Drive.MoveFileAsync(file, 0, 0, "b.txt", Ct);
        Assert.Equal(1, await bed.KoAsync("file/rename.cgi", 312));

        // The move with a rename: its repeat hears #312, the move without a rename that follows loses its answers
        // too, and file/info.cgi finds the file in place.
        file = await bed.Drive.MoveFileAsync(file, 0, other.Id, "c.txt", Ct);
        Assert.Equal(1, await bed.KoAsync("file/mv.cgi", 312));

        var details = await bed.Client.GetFileInfoAsync(file.Id, Ct);
        Assert.Equal((other.Id, "c.txt"), (details.FolderId, details.Filename));
    }

    [Fact]
    public async Task A_copy_whose_answer_is_lost_is_found_beside_its_source_and_not_sent_again()
    {
        await using var bed = await TestBed.StartAsync();
        var file = await UploadAsync(bed, 0, "a.txt");
        await bed.DropResponsesAsync("file/cp.cgi");

        // Into the same folder under the same name: the source matches the name and size too, and must not be taken.
        var copy = await bed.Drive.CopyFileAsync(file, 0, "a.txt", Ct);

        Assert.Equal(1, await bed.CallsAsync("file/cp.cgi"));
        Assert.Equal(1, await bed.DroppedResponsesAsync());
        var files = (await bed.Drive.ListFolderAsync(0, Ct)).Files;
        Assert.Equal(2, files.Count);
        Assert.NotEqual(file.Id, copy.Id);
        Assert.Contains(files, f => f.Id == copy.Id && f.Name == "a.txt" && f.Size == file.Size);
    }

    [Fact]
    public async Task A_copy_lost_on_the_way_out_is_sent_again_once_and_an_answered_copy_has_a_new_url()
    {
        var lost = new LostRequests("file/cp.cgi", 1);
        await using var bed = await TestBed.StartAsync(
            configure: TestBed.FastPacingAnd(o => o.UploadLookupAttempts = 1),
            lostRequests: lost);
        var target = await bed.Drive.CreateFolderAsync(0, "target", Ct);
        var file = await UploadAsync(bed, 0, "a.txt");

        var copy = await bed.Drive.CopyFileAsync(file, target.Id, "b.txt", Ct);
        var second = await bed.Drive.CopyFileAsync(file, target.Id, "c.txt", Ct);

        Assert.Equal(1, lost.Lost);
        Assert.Equal(2, await bed.CallsAsync("file/cp.cgi"));
        var files = (await bed.Drive.ListFolderAsync(target.Id, Ct)).Files;
        Assert.Equal(["b.txt", "c.txt"], files.Select(f => f.Name).Order(StringComparer.Ordinal));
        Assert.Equal(files.Select(f => f.Id).Order(StringComparer.Ordinal), new[] { copy.Id, second.Id }.Order(StringComparer.Ordinal));
        Assert.Equal(file.Checksum, second.Checksum);
    }

    [Fact]
    public async Task Removing_a_file_whose_answer_is_lost_is_done_once_and_a_file_already_gone_is_removed_but_not_moved()
    {
        await using var bed = await TestBed.StartAsync();
        var file = await UploadAsync(bed, 0, "a.txt");
        await bed.DropResponsesAsync("file/rm.cgi");

        await bed.Drive.RemoveFileAsync(file, Ct);
        await bed.Drive.RemoveFileAsync(file, Ct);
        var moving = await Assert.ThrowsAsync<RemoteDriveException>(() => bed.Drive.MoveFileAsync(file, 0, 0, "b.txt", Ct));

        Assert.Equal(1, await bed.DroppedResponsesAsync());
        Assert.Equal(2, await bed.KoAsync("file/rm.cgi", 469));
        Assert.Equal(FsError.NotFound, moving.Error);
        Assert.Empty((await bed.Drive.ListFolderAsync(0, Ct)).Files);
    }

    private static async Task<RemoteFile> UploadAsync(TestBed bed, long folderId, string name)
    {
        await bed.UploadBytesAsync(folderId, name, TestBed.RandomBytes(1000));
        return Assert.Single((await bed.Drive.ListFolderAsync(folderId, Ct)).Files, f => f.Name == name);
    }
}
