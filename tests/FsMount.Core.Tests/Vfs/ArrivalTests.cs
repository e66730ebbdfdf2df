using FsMount.Core.Errors;
using FsMount.Core.Tests.Fakes;
using FsMount.Core.Vfs;
using Microsoft.Extensions.Time.Testing;

namespace FsMount.Core.Tests.Vfs;

/// <summary>Files that arrive by other means than the mount's writes (a remote upload): the folder found by path, then listed again once.</summary>
public sealed class ArrivalTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_folder_found_by_path_shows_files_that_arrived_at_its_next_access_with_one_listing()
    {
        var drive = new FakeRemoteDrive();
        drive.AddFolder(drive.RootFolderId, 11, "incoming");
        drive.AddFile(drive.RootFolderId, "readme.txt", 5);
        var time = new FakeTimeProvider(FakeRemoteDrive.Epoch);
        await using var fs = TestMount.Create(drive, time);

        Assert.Equal(11, (await fs.FindFolderIdAsync(["incoming"], Token)).Ok());
        Assert.Equal(drive.RootFolderId, (await fs.FindFolderIdAsync([], Token)).Ok());
        Assert.Equal(FsError.NotDirectory, (await fs.FindFolderIdAsync(["readme.txt"], Token)).Error);
        Assert.Equal(FsError.NotFound, (await fs.FindFolderIdAsync(["missing"], Token)).Error);
        Assert.Equal(FsError.NotFound, (await fs.LookupPathAsync(["incoming", "clip.mp4"], Token)).Error);
        drive.AddFile(11, "clip.mp4", 1000);
        Assert.Equal(FsError.NotFound, (await fs.LookupPathAsync(["incoming", "clip.mp4"], Token)).Error);
        var listings = drive.ListCallsFor(11);

        fs.FilesArrived(11);

        Assert.Equal(1000, (await fs.LookupPathAsync(["incoming", "clip.mp4"], Token)).Ok().Attributes.Size);
        Assert.Equal(listings + 1, drive.ListCallsFor(11));
    }
}
