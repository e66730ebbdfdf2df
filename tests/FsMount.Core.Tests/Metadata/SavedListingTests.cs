using System.Text;
using FsMount.Core.Errors;
using FsMount.Core.Persistence;
using FsMount.Core.Tests.Fakes;
using FsMount.Core.Vfs;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace FsMount.Core.Tests.Metadata;

/// <summary>Listings kept in the cache database: what a mount restarted within their time-to-live costs.</summary>
public sealed class SavedListingTests
{
    private const ulong Root = IVirtualFileSystem.RootNodeId;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_mount_restarted_within_the_time_to_live_serves_the_folders_it_knew_without_listing()
    {
        var (drive, time, options) = Setup();
        drive.AddFolder(drive.RootFolderId, 11, "Movies");
        drive.AddFile(11, "nosferatu.mkv", 10);
        await using (var first = await StartAsync(drive, time, options))
        {
            var movies = await first.LookupOkAsync(Root, "Movies");
            await first.LookupOkAsync(movies.NodeId, "nosferatu.mkv");
        }

        time.Advance(TimeSpan.FromSeconds(20));
        await using var second = await StartAsync(drive, time, options);
        var again = await second.LookupOkAsync(Root, "Movies");
        var film = await second.LookupOkAsync(again.NodeId, "nosferatu.mkv");

        Assert.Equal(10, film.Size);
        Assert.Equal(1, drive.ListCallsFor(drive.RootFolderId));
        Assert.Equal(1, drive.ListCallsFor(11));
    }

    [Fact]
    public async Task A_saved_listing_that_expired_is_listed_again()
    {
        var (drive, time, options) = Setup();
        drive.AddFile(drive.RootFolderId, "a.txt", 1);
        await using (var first = await StartAsync(drive, time, options))
        {
            await first.LookupOkAsync(Root, "a.txt");
        }

        drive.AddFile(drive.RootFolderId, "b.txt", 1);
        time.Advance(options.DirectoryCacheTime);
        await using var second = await StartAsync(drive, time, options);

        await second.LookupOkAsync(Root, "b.txt");
        Assert.Equal(2, drive.ListCallsFor(drive.RootFolderId));
    }

    [Fact]
    public async Task Our_own_changes_since_the_listing_are_in_what_a_restart_serves()
    {
        var (drive, time, options) = Setup();
        drive.AddFile(drive.RootFolderId, "old.txt", 1);
        await using (var first = await StartAsync(drive, time, options))
        {
            (await first.CreateDirectoryAsync(Root, "Shows", 0x1ED, Token)).Ok();
            await first.WriteNewFileAsync(Root, "new.txt", Encoding.UTF8.GetBytes("new"));
            await first.UploadAllAsync();
            Assert.Equal(FsError.None, await first.RemoveFileAsync(Root, "old.txt", Token));
        }

        await using var second = await StartAsync(drive, time, options);
        var names = (await second.ReadDirectoryAsync(Root, Token)).Ok().Select(entry => entry.Name).Order(StringComparer.Ordinal);

        Assert.Equal(["Shows", "new.txt"], names);
        Assert.Equal(Encoding.UTF8.GetBytes("new"), await second.ReadAllAsync((await second.LookupOkAsync(Root, "new.txt")).NodeId));
        Assert.Equal(1, drive.ListCallsFor(drive.RootFolderId));
    }

    [Fact]
    public async Task A_file_still_waiting_for_its_upload_is_shown_once_after_a_restart()
    {
        var (drive, time, options) = Setup();
        options.WriteBackDelay = TimeSpan.FromHours(1);
        await using (var first = await StartAsync(drive, time, options))
        {
            await first.WriteNewFileAsync(Root, "draft.txt", [1, 2, 3]);
        }

        await using var second = await StartAsync(drive, time, options);
        var entries = (await second.ReadDirectoryAsync(Root, Token)).Ok();

        Assert.Equal("draft.txt", Assert.Single(entries).Name);
        Assert.Equal(1, drive.ListCallsFor(drive.RootFolderId));
    }

    [Fact]
    public async Task A_saved_listing_that_cannot_be_read_is_dropped_and_the_folder_listed_again()
    {
        var (drive, time, options) = Setup();
        drive.AddFile(drive.RootFolderId, "a.txt", 1);
        await using (var first = await StartAsync(drive, time, options))
        {
            await first.LookupOkAsync(Root, "a.txt");
        }

        using (var connection = new SqliteConnection($"Data Source={Path.Combine(options.CacheDirectory, CacheFolder.DatabaseName)};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE folder_listings SET listing = '{not json'";
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        await using var second = await StartAsync(drive, time, options);
        await second.LookupOkAsync(Root, "a.txt");
        Assert.Equal(2, drive.ListCallsFor(drive.RootFolderId));
    }

    private static (FakeRemoteDrive Drive, FakeTimeProvider Time, FsMountOptions Options) Setup() =>
        (new FakeRemoteDrive(), new FakeTimeProvider(FakeRemoteDrive.Epoch.AddYears(1)), new FsMountOptions { CacheDirectory = TestMount.NewCacheDirectory() });

    private static async Task<MountedFileSystem> StartAsync(FakeRemoteDrive drive, FakeTimeProvider time, FsMountOptions options)
    {
        var fs = TestMount.Create(drive, time, options);
        await fs.InitializeAsync(Token);
        return fs;
    }
}
