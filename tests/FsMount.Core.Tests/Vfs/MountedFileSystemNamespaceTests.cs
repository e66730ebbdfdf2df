using FsMount.Core.Errors;
using FsMount.Core.Remote;
using FsMount.Core.Tests.Fakes;
using FsMount.Core.Vfs;
using Microsoft.Extensions.Time.Testing;

namespace FsMount.Core.Tests.Vfs;

public sealed class MountedFileSystemNamespaceTests
{
    private const ulong Root = IVirtualFileSystem.RootNodeId;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_cold_folder_costs_one_listing_for_every_lookup_getattr_and_readdir()
    {
        var drive = new FakeRemoteDrive();
        drive.AddFolder(drive.RootFolderId, 11, "Movies");
        for (var i = 0; i < 200; i++)
        {
            drive.AddFile(drive.RootFolderId, $"file{i:D3}.bin", size: i);
        }

        await using var fs = TestMount.Create(drive);
        var entries = (await fs.ReadDirectoryAsync(Root, Token)).Ok();
        foreach (var entry in entries)
        {
            var node = await fs.LookupOkAsync(Root, entry.Name);
            Assert.Equal(entry.Attributes, (await fs.GetAttributesAsync(node.NodeId, Token)).Ok());
        }

        Assert.Equal(201, entries.Count);
        Assert.Equal(1, drive.TotalListCalls);
        Assert.Empty(drive.Readers);
        Assert.Equal(0, drive.AccountInfoCalls);
    }

    [Fact]
    public async Task Each_folder_is_listed_once_when_walked()
    {
        var drive = new FakeRemoteDrive();
        drive.AddFolder(drive.RootFolderId, 11, "Movies");
        drive.AddFolder(11, 12, "Classics");
        drive.AddFile(12, "nosferatu.mkv", 10);

        await using var fs = TestMount.Create(drive);
        var movies = await fs.LookupOkAsync(Root, "Movies");
        var classics = await fs.LookupOkAsync(movies.NodeId, "Classics");
        var film = await fs.LookupOkAsync(classics.NodeId, "nosferatu.mkv");
        await fs.LookupOkAsync(classics.NodeId, "nosferatu.mkv");
        Assert.Equal(FsError.NotFound, (await fs.LookupAsync(classics.NodeId, "nosferatu.srt", Token)).Error);

        Assert.Equal(10, film.Size);
        Assert.Equal(1, drive.ListCallsFor(drive.RootFolderId));
        Assert.Equal(1, drive.ListCallsFor(11));
        Assert.Equal(1, drive.ListCallsFor(12));
    }

    [Fact]
    public async Task Concurrent_cold_lookups_of_one_folder_share_one_listing()
    {
        var drive = new FakeRemoteDrive();
        for (var i = 0; i < 32; i++)
        {
            drive.AddFile(drive.RootFolderId, $"f{i}", size: 1);
        }

        drive.ListGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var fs = TestMount.Create(drive);

        var lookups = Enumerable.Range(0, 32).Select(i => fs.LookupAsync(Root, $"f{i}", Token).AsTask()).ToList();
        var readDirectory = fs.ReadDirectoryAsync(Root, Token);
        Assert.All(lookups, t => Assert.False(t.IsCompleted));
        drive.ListGate.SetResult();

        var results = await Task.WhenAll(lookups);
        Assert.All(results, r => Assert.True(r.IsSuccess));
        Assert.Equal(32, (await readDirectory).Ok().Count);
        Assert.Equal(1, drive.TotalListCalls);
    }

    [Fact]
    public async Task A_caller_that_gives_up_does_not_cancel_the_shared_listing()
    {
        var drive = new FakeRemoteDrive();
        drive.AddFile(drive.RootFolderId, "a", size: 1);
        drive.ListGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var fs = TestMount.Create(drive);

        using var impatient = new CancellationTokenSource();
        var first = fs.LookupAsync(Root, "a", impatient.Token).AsTask();
        var second = fs.LookupAsync(Root, "a", Token).AsTask();
        await impatient.CancelAsync();
        Assert.Equal(FsError.Cancelled, (await first).Error);

        drive.ListGate.SetResult();
        Assert.True((await second).IsSuccess);
        Assert.Equal(1, drive.TotalListCalls);
    }

    [Fact]
    public async Task A_listing_is_reused_for_the_cache_time_then_fetched_again()
    {
        var drive = new FakeRemoteDrive();
        drive.AddFile(drive.RootFolderId, "old.txt", size: 1);
        var time = new FakeTimeProvider(FakeRemoteDrive.Epoch);
        await using var fs = TestMount.Create(drive, time, new FsMountOptions { DirectoryCacheTime = TimeSpan.FromSeconds(60) });

        await fs.LookupOkAsync(Root, "old.txt");
        drive.AddFile(drive.RootFolderId, "new.txt", size: 2);
        time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(FsError.NotFound, (await fs.LookupAsync(Root, "new.txt", Token)).Error);
        Assert.Equal(1, drive.TotalListCalls);

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, (await fs.LookupOkAsync(Root, "new.txt")).Size);
        Assert.Equal(2, drive.TotalListCalls);
    }

    [Theory]
    [InlineData(FsError.AccessDenied)]
    [InlineData(FsError.Unavailable)]
    [InlineData(FsError.NotFound)]
    public async Task A_listing_failure_is_the_remote_error_as_a_value_and_is_not_cached(FsError error)
    {
        var drive = new FakeRemoteDrive();
        drive.AddFolder(drive.RootFolderId, 11, "Movies");
        drive.ListFailure = new RemoteDriveException(error, "refused");
        await using var fs = TestMount.Create(drive);

        Assert.Equal(error, (await fs.LookupAsync(Root, "Movies", Token)).Error);
        Assert.Equal(error, (await fs.ReadDirectoryAsync(Root, Token)).Error);

        drive.ListFailure = null;
        Assert.True((await fs.LookupAsync(Root, "Movies", Token)).IsSuccess);
        Assert.Equal(3, drive.TotalListCalls);
    }

    [Fact]
    public async Task An_expired_listing_is_served_while_the_service_is_unavailable_but_not_when_access_is_denied()
    {
        var drive = new FakeRemoteDrive();
        drive.AddFile(drive.RootFolderId, "a", size: 1);
        var time = new FakeTimeProvider(FakeRemoteDrive.Epoch);
        await using var fs = TestMount.Create(drive, time);
        await fs.LookupOkAsync(Root, "a");

        time.Advance(TimeSpan.FromMinutes(2));
        drive.ListFailure = new RemoteDriveException(FsError.Unavailable, "unreachable");
        await fs.LookupOkAsync(Root, "a");
        await fs.LookupOkAsync(Root, "a");
        Assert.Equal(3, drive.TotalListCalls);

        drive.ListFailure = new RemoteDriveException(FsError.AccessDenied, "key revoked");
        Assert.Equal(FsError.AccessDenied, (await fs.LookupAsync(Root, "a", Token)).Error);
    }

    [Fact]
    public async Task Initialize_lists_the_root_once_and_throws_the_remote_error()
    {
        var failing = new FakeRemoteDrive { ListFailure = new RemoteDriveException(FsError.AccessDenied, "bad API key") };
        await using (var fs = TestMount.Create(failing))
        {
            var thrown = await Assert.ThrowsAsync<RemoteDriveException>(() => fs.InitializeAsync(Token));
            Assert.Equal(FsError.AccessDenied, thrown.Error);
        }

        var drive = new FakeRemoteDrive();
        drive.AddFile(drive.RootFolderId, "a", size: 1);
        await using var ready = TestMount.Create(drive);
        await ready.InitializeAsync(Token);
        await ready.LookupOkAsync(Root, "a");
        Assert.Equal(1, drive.TotalListCalls);
    }

    [Fact]
    public async Task Attributes_come_from_the_listing()
    {
        var drive = new FakeRemoteDrive();
        var folder = drive.AddFolder(drive.RootFolderId, 11, "Movies");
        var uploaded = new DateTimeOffset(2023, 7, 14, 9, 30, 0, TimeSpan.Zero);
        drive.AddFile(drive.RootFolderId, "a.mkv", size: 123_456_789, uploaded);
        await using var fs = TestMount.Create(drive);

        var file = await fs.LookupOkAsync(Root, "a.mkv");
        Assert.False(file.IsDirectory);
        Assert.Equal(123_456_789, file.Size);
        Assert.Equal(uploaded, file.LastWriteTime);
        Assert.Equal(uploaded, file.CreationTime);

        var directory = await fs.LookupOkAsync(Root, "Movies");
        Assert.True(directory.IsDirectory);
        Assert.Equal(0, directory.Size);
        Assert.Equal(folder.Created, directory.CreationTime);
        Assert.Equal(folder.Created, directory.LastWriteTime);

        var root = (await fs.GetAttributesAsync(Root, Token)).Ok();
        Assert.True(root.IsDirectory);
        Assert.Equal(Root, root.NodeId);
    }

    [Fact]
    public async Task Duplicate_names_are_all_shown_and_each_opens_its_own_file()
    {
        var drive = new FakeRemoteDrive();
        drive.AddFile(drive.RootFolderId, "movie.mkv", size: 100, FakeRemoteDrive.Epoch, "abcd1efgh2");
        drive.AddFile(drive.RootFolderId, "movie.mkv", size: 200, FakeRemoteDrive.Epoch.AddDays(1), "zzzz9yyyy8");
        drive.AddFolder(drive.RootFolderId, 11, "extras");
        drive.AddFile(drive.RootFolderId, "extras", size: 300, FakeRemoteDrive.Epoch, "eeeeeeeeee");
        await using var fs = TestMount.Create(drive);

        var names = (await fs.ReadDirectoryAsync(Root, Token)).Ok().Select(e => (e.Name, e.Attributes.Size, e.Attributes.IsDirectory));
        Assert.Equal(
            [("extras", 0L, true), ("extras (eeeeeeeeee)", 300L, false), ("movie (zzzz9yyyy8).mkv", 200L, false), ("movie.mkv", 100L, false)],
            names);

        var newer = await fs.LookupOkAsync(Root, "movie (zzzz9yyyy8).mkv");
        var handle = (await fs.OpenAsync(newer.NodeId, Token)).Ok();
        var buffer = new byte[200];
        Assert.Equal(200, (await fs.ReadAsync(handle, 0, buffer, Token)).Ok());
        Assert.Equal(FakeContent.Range("zzzz9yyyy8", 0, 200), buffer);
    }

    [Fact]
    public async Task Directory_reads_are_ordinal_snapshots_whose_ids_match_lookups()
    {
        var drive = new FakeRemoteDrive();
        foreach (var name in new[] { "b", "a", "B", "é", "a b", "Z" })
        {
            drive.AddFile(drive.RootFolderId, name, size: 1);
        }

        await using var fs = TestMount.Create(drive);
        var first = (await fs.ReadDirectoryAsync(Root, Token)).Ok();
        drive.AddFile(drive.RootFolderId, "c", size: 1);
        var second = (await fs.ReadDirectoryAsync(Root, Token)).Ok();

        Assert.Equal(["B", "Z", "a", "a b", "b", "é"], first.Select(e => e.Name));
        Assert.Equal(first, second);
        foreach (var entry in first)
        {
            Assert.Equal(entry.Attributes.NodeId, (await fs.LookupOkAsync(Root, entry.Name)).NodeId);
        }
    }

    [Fact]
    public async Task A_node_keeps_its_id_while_referenced_or_listed()
    {
        var drive = new FakeRemoteDrive();
        drive.AddFile(drive.RootFolderId, "a", size: 1);
        var time = new FakeTimeProvider(FakeRemoteDrive.Epoch);
        await using var fs = TestMount.Create(drive, time);

        var id = (await fs.LookupOkAsync(Root, "a")).NodeId;
        Assert.NotEqual(Root, id);
        Assert.Equal(id, (await fs.LookupOkAsync(Root, "a")).NodeId);
        fs.Forget(id, 2);

        // Still shown by the listing, now and after a refresh: same node, same id.
        Assert.True((await fs.GetAttributesAsync(id, Token)).IsSuccess);
        time.Advance(new FsMountOptions().DirectoryCacheTime);
        Assert.Equal(id, (await fs.LookupOkAsync(Root, "a")).NodeId);

        // Unreferenced and no longer listed: dropped.
        fs.Forget(id, 1);
        drive.RemoveFromListing(drive.RootFolderId, "a");
        time.Advance(new FsMountOptions().DirectoryCacheTime);
        Assert.Equal(FsError.NotFound, (await fs.LookupAsync(Root, "a", Token)).Error);
        Assert.Equal(FsError.NotFound, (await fs.GetAttributesAsync(id, Token)).Error);

        fs.Forget(Root, 100);
        Assert.True((await fs.GetAttributesAsync(Root, Token)).IsSuccess);
    }

    [Fact]
    public async Task A_node_the_kernel_holds_outlives_its_removal_from_the_listing()
    {
        var drive = new FakeRemoteDrive();
        drive.AddFile(drive.RootFolderId, "a", size: 7);
        var time = new FakeTimeProvider(FakeRemoteDrive.Epoch);
        await using var fs = TestMount.Create(drive, time);

        var id = (await fs.LookupOkAsync(Root, "a")).NodeId;
        drive.RemoveFromListing(drive.RootFolderId, "a");
        time.Advance(new FsMountOptions().DirectoryCacheTime);
        Assert.Equal(FsError.NotFound, (await fs.LookupAsync(Root, "a", Token)).Error);

        Assert.Equal(7, (await fs.GetAttributesAsync(id, Token)).Ok().Size);
        fs.Forget(id, 1);
        Assert.Equal(FsError.NotFound, (await fs.GetAttributesAsync(id, Token)).Error);
    }

    [Fact]
    public async Task Unreferenced_nodes_from_directory_reads_are_dropped_when_the_listing_is_replaced()
    {
        var drive = new FakeRemoteDrive();
        for (var i = 0; i < 50; i++)
        {
            drive.AddFile(drive.RootFolderId, $"f{i}", size: 1);
        }

        var time = new FakeTimeProvider(FakeRemoteDrive.Epoch);
        await using var fs = TestMount.Create(drive, time);
        var kept = (await fs.LookupOkAsync(Root, "f7")).NodeId;

        for (var round = 0; round < 5; round++)
        {
            Assert.Equal(50, (await fs.ReadDirectoryAsync(Root, Token)).Ok().Count);
            Assert.Equal(51, fs.NodeCount);
            time.Advance(new FsMountOptions().DirectoryCacheTime);
        }

        Assert.Equal(kept, (await fs.LookupOkAsync(Root, "f7")).NodeId);
        Assert.Equal(6, drive.TotalListCalls);
    }

    [Fact]
    public async Task Wrong_kinds_and_unknown_ids_are_errors_as_values()
    {
        var drive = new FakeRemoteDrive();
        drive.AddFolder(drive.RootFolderId, 11, "dir");
        drive.AddFile(drive.RootFolderId, "file", size: 1);
        await using var fs = TestMount.Create(drive);
        var file = await fs.LookupOkAsync(Root, "file");
        var directory = await fs.LookupOkAsync(Root, "dir");

        Assert.Equal(FsError.NotDirectory, (await fs.LookupAsync(file.NodeId, "x", Token)).Error);
        Assert.Equal(FsError.NotDirectory, (await fs.ReadDirectoryAsync(file.NodeId, Token)).Error);
        Assert.Equal(FsError.IsDirectory, (await fs.OpenAsync(directory.NodeId, Token)).Error);
        Assert.Equal(FsError.NotFound, (await fs.LookupAsync(999, "x", Token)).Error);
        Assert.Equal(FsError.NotFound, (await fs.GetAttributesAsync(999, Token)).Error);
        Assert.Equal(FsError.NotFound, (await fs.OpenAsync(999, Token)).Error);
        Assert.Equal(FsError.BadHandle, (await fs.ReadAsync(999, 0, new byte[1], Token)).Error);
        await fs.ReleaseAsync(999);
        fs.Forget(999, 1);
        Assert.False(fs.RetainDirectoryEntry(999, 0));
    }
}
