using FsMount.Core.Errors;
using FsMount.Core.Remote;
using FsMount.OneFichier.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace FsMount.OneFichier.Tests;

public sealed class OneFichierDriveFolderTests
{
    // With duplicate folder names allowed, a mkdir sent again blindly would make a second folder.
    private static readonly EmulatorSettings s_duplicatesAllowed = new(DuplicateFolderNames: true);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_mkdir_whose_answer_is_lost_returns_the_folder_it_made_and_is_not_sent_again()
    {
        await using var bed = await TestBed.StartAsync(emulator: s_duplicatesAllowed);
        await bed.DropResponsesAsync("folder/mkdir.cgi");

        var folder = await bed.Drive.CreateFolderAsync(0, "made", Ct);

        Assert.Equal(1, await bed.CallsAsync("folder/mkdir.cgi"));
        Assert.Equal(1, await bed.DroppedResponsesAsync());
        var listed = Assert.Single((await bed.Drive.ListFolderAsync(0, Ct)).Folders);
        Assert.Equal((listed.Id, "made"), (folder.Id, folder.Name));
    }

    [Fact]
    public async Task A_mkdir_lost_on_the_way_out_is_sent_again_after_a_listing_shows_it_did_not_land()
    {
        var lost = new LostRequests("folder/mkdir.cgi", 1);
        await using var bed = await TestBed.StartAsync(emulator: s_duplicatesAllowed, lostRequests: lost);

        var folder = await bed.Drive.CreateFolderAsync(0, "made", Ct);

        Assert.Equal(1, lost.Lost);
        Assert.Equal(1, await bed.CallsAsync("folder/mkdir.cgi"));
        Assert.Equal(1, await bed.CallsAsync("folder/ls.cgi"));
        Assert.Equal(folder.Id, Assert.Single((await bed.Drive.ListFolderAsync(0, Ct)).Folders).Id);
    }

    [Fact]
    public async Task A_name_already_taken_is_exists_whether_the_answer_says_so_or_a_listing_does()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-1));
        var lost = new LostRequests("folder/mkdir.cgi", 1, passFirst: 1);
        await using var bed = await TestBed.StartAsync(emulator: new EmulatorSettings(Clock: clock), lostRequests: lost);
        await bed.Client.CreateFolderAsync(0, "old", Ct);
        clock.SetUtcNow(DateTimeOffset.UtcNow);

        // The request is lost; the listing then shows a folder of that name from before the call: not ours.
        var afterLoss = await Assert.ThrowsAsync<RemoteDriveException>(() => bed.Drive.CreateFolderAsync(0, "old", Ct));
        var answered = await Assert.ThrowsAsync<RemoteDriveException>(() => bed.Drive.CreateFolderAsync(0, "old", Ct));

        Assert.Equal(1, lost.Lost);
        Assert.Equal(FsError.Exists, afterLoss.Error);
        Assert.Equal(FsError.Exists, answered.Error);
        Assert.Equal(1, await bed.KoAsync("folder/mkdir.cgi", 543));
    }

    [Fact]
    public async Task A_name_the_service_refuses_is_an_invalid_name()
    {
        await using var bed = await TestBed.StartAsync();

        var error = await Assert.ThrowsAsync<RemoteDriveException>(() => bed.Drive.CreateFolderAsync(0, new string('x', 300), Ct));

        Assert.Equal(FsError.InvalidName, error.Error);
    }

    [Fact]
    public async Task Removing_a_folder_whose_answer_is_lost_is_done_once_and_a_folder_already_gone_is_removed()
    {
        await using var bed = await TestBed.StartAsync();
        var folder = await bed.Drive.CreateFolderAsync(0, "gone", Ct);
        await bed.DropResponsesAsync("folder/rm.cgi");

        await bed.Drive.RemoveFolderAsync(folder.Id, Ct);
        await bed.Drive.RemoveFolderAsync(folder.Id, Ct);

        // The lost answer was followed by a repeat, which heard "Resource not found": done.
        Assert.Equal(1, await bed.DroppedResponsesAsync());
        Assert.Equal(2, await bed.KoAsync("folder/rm.cgi", 469));
        Assert.Empty((await bed.Drive.ListFolderAsync(0, Ct)).Folders);
    }

    [Fact]
    public async Task A_folder_with_content_is_not_empty()
    {
        await using var bed = await TestBed.StartAsync();
        var folder = await bed.Drive.CreateFolderAsync(0, "full", Ct);
        await bed.Drive.CreateFolderAsync(folder.Id, "inside", Ct);

        var error = await Assert.ThrowsAsync<RemoteDriveException>(() => bed.Drive.RemoveFolderAsync(folder.Id, Ct));

        Assert.Equal(FsError.NotEmpty, error.Error);
    }

    [Fact]
    public async Task Moves_and_renames_are_one_call_each_and_a_move_to_the_root_names_the_root()
    {
        await using var bed = await TestBed.StartAsync();
        var a = await bed.Drive.CreateFolderAsync(0, "a", Ct);
        var b = await bed.Drive.CreateFolderAsync(a.Id, "b", Ct);

        await bed.Drive.MoveFolderAsync(new RemoteFolderMove(b.Id, a.Id, "b", a.Id, "b2"), Ct);
        Assert.Equal(1, await bed.CallsAsync("folder/mv.cgi"));
        Assert.Equal("b2", Assert.Single((await bed.Drive.ListFolderAsync(a.Id, Ct)).Folders).Name);

        // A rename of a folder that the service would read as "rename in place" if the 0 were left out.
        await bed.Drive.MoveFolderAsync(new RemoteFolderMove(b.Id, a.Id, "b2", 0, "b2"), Ct);
        Assert.Equal(2, await bed.CallsAsync("folder/mv.cgi"));
        Assert.Contains((await bed.Drive.ListFolderAsync(0, Ct)).Folders, f => f.Id == b.Id && f.Name == "b2");

        await bed.Drive.MoveFolderAsync(new RemoteFolderMove(b.Id, 0, "b2", 0, "b2"), Ct);
        Assert.Equal(2, await bed.CallsAsync("folder/mv.cgi"));
    }

    [Fact]
    public async Task A_move_with_a_new_name_is_a_move_then_a_rename_or_the_reverse_when_the_old_name_is_taken_there()
    {
        await using var bed = await TestBed.StartAsync();
        var from = await bed.Drive.CreateFolderAsync(0, "from", Ct);
        var to = await bed.Drive.CreateFolderAsync(0, "to", Ct);
        var x = await bed.Drive.CreateFolderAsync(from.Id, "x", Ct);
        var y = await bed.Drive.CreateFolderAsync(from.Id, "y", Ct);
        await bed.Drive.CreateFolderAsync(to.Id, "y", Ct);

        await bed.Drive.MoveFolderAsync(new RemoteFolderMove(x.Id, from.Id, "x", to.Id, "x2"), Ct);
        Assert.Equal(2, await bed.CallsAsync("folder/mv.cgi"));
        await bed.Drive.MoveFolderAsync(new RemoteFolderMove(y.Id, from.Id, "y", to.Id, "y2"), Ct);
        Assert.Equal(1, await bed.KoAsync("folder/mv.cgi", 543));

        var names = (await bed.Drive.ListFolderAsync(to.Id, Ct)).Folders.Select(f => f.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["x2", "y", "y2"], names);
        var taken = await Assert.ThrowsAsync<RemoteDriveException>(() => bed.Drive.MoveFolderAsync(new RemoteFolderMove(to.Id, 0, "to", 0, "from"), Ct));
        Assert.Equal(FsError.Exists, taken.Error);
    }

    [Fact]
    public async Task A_move_and_rename_whose_answers_are_all_lost_finds_the_work_done()
    {
        await using var bed = await TestBed.StartAsync(configure: TestBed.FastPacingAnd(o => o.MaxRetries = 1));
        var a = await bed.Drive.CreateFolderAsync(0, "a", Ct);
        var b = await bed.Drive.CreateFolderAsync(0, "b", Ct);
        await bed.DropResponsesAsync("folder/mv.cgi");

        await bed.Drive.MoveFolderAsync(new RemoteFolderMove(b.Id, 0, "b", a.Id, "c"), Ct);

        // Each step and its repeat lost their answers; a listing of the destination found each one done.
        Assert.Equal(4, await bed.DroppedResponsesAsync());
        var moved = Assert.Single((await bed.Drive.ListFolderAsync(a.Id, Ct)).Folders);
        Assert.Equal((b.Id, "c"), (moved.Id, moved.Name));
    }
}
