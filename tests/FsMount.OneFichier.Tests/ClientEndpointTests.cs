using FsMount.OneFichier.Errors;
using FsMount.OneFichier.Tests.Support;

namespace FsMount.OneFichier.Tests;

public sealed class ClientEndpointTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Folders_are_created_listed_renamed_moved_and_removed_with_names_round_tripping()
    {
        await using var bed = await TestBed.StartAsync();
        var client = bed.Client;
        const string odd = " a<b>\"c'$`\\ ";
        var parent = await client.CreateFolderAsync(0, "parent", Ct);
        var child = await client.CreateFolderAsync(parent.FolderId, odd, Ct);
        Assert.Equal(odd, child.Name);

        var listing = await client.ListFolderAsync(parent.FolderId, Ct);
        Assert.Equal("parent", listing.Name);
        Assert.Equal(odd, Assert.Single(listing.SubFolders!).Name);

        await client.MoveFolderAsync(child.FolderId, parent.FolderId, "renamed", Ct);
        await client.MoveFolderAsync(child.FolderId, 0, null, Ct);
        var root = await client.ListFolderAsync(0, Ct);
        Assert.Contains(root.SubFolders!, f => f.Id == child.FolderId && f.Name == "renamed");

        await client.RemoveFolderAsync(child.FolderId, Ct);
        await client.RemoveFolderAsync(parent.FolderId, Ct);
        var error = await Assert.ThrowsAsync<OneFichierException>(() => client.ListFolderAsync(parent.FolderId, Ct));
        Assert.Equal(OneFichierFailureKind.Permanent, error.Kind);
    }

    [Fact]
    public async Task Files_are_uploaded_listed_described_renamed_copied_moved_changed_and_removed()
    {
        await using var bed = await TestBed.StartAsync();
        var client = bed.Client;
        var folder = await client.CreateFolderAsync(0, "docs", Ct);
        var other = await client.CreateFolderAsync(0, "other", Ct);
        var content = TestBed.RandomBytes(70_000);
        var progress = new List<long>();
        UploadedFile uploaded;
        using (var stream = new MemoryStream(content))
        {
            uploaded = await client.UploadAsync(stream, content.Length, folder.FolderId, "report $1.pdf", new SynchronousProgress(progress), Ct);
        }

        Assert.Equal("report $1.pdf", uploaded.Name);
        Assert.Equal(content.Length, uploaded.Size);
        Assert.Equal(content.Length, progress[^1]);

        var files = await client.ListFilesAsync(folder.FolderId, Ct);
        var item = Assert.Single(files.Items!);
        Assert.Equal(uploaded.Url, item.Url);
        Assert.Equal("report $1.pdf", item.Filename);

        var info = await client.GetFileInfoAsync(uploaded.Url, Ct);
        Assert.Equal(content.Length, info.Size);
        Assert.Equal(128, info.Checksum!.Length);

        await client.RenameFilesAsync([new FileRename(uploaded.Url, "renamed 'x'.pdf")], Ct);
        Assert.Equal("renamed 'x'.pdf", (await client.GetFileInfoAsync(uploaded.Url, Ct)).Filename);

        var copies = await client.CopyFilesAsync([uploaded.Url], other.FolderId, "copy.pdf", Ct);
        var copy = Assert.Single(copies.Urls!);
        Assert.NotEqual(uploaded.Url, copy.ToUrl);

        await client.MoveFilesAsync([uploaded.Url], other.FolderId, null, Ct);
        Assert.Equal(other.FolderId, (await client.GetFileInfoAsync(uploaded.Url, Ct)).FolderId);

        var updated = await client.SetFileAttributesAsync([uploaded.Url], new FileAttributeChanges(Description: "hello"), Ct);
        Assert.Equal(1, updated.Updated);

        var removed = await client.RemoveFilesAsync([uploaded.Url, copy.ToUrl], Ct);
        Assert.Equal(2, removed.Removed);
        var gone = await Assert.ThrowsAsync<OneFichierException>(() => client.GetFileInfoAsync(uploaded.Url, Ct));
        Assert.Equal(OneFichierErrorCodes.ResourceNotFound, gone.ErrorCode);
    }

    [Fact]
    public async Task Ranged_downloads_return_exactly_the_requested_bytes()
    {
        await using var bed = await TestBed.StartAsync();
        var content = TestBed.RandomBytes(3 * 1024 * 1024 + 17);
        var file = await bed.UploadBytesAsync(0, "data.bin", content);
        Assert.Equal(content, await bed.DownloadAsync(file));
        Assert.Equal(content.AsSpan(1_000_000, 5000).ToArray(), await bed.DownloadAsync(file, 1_000_000, 5000));
        Assert.Equal(content.AsSpan(content.Length - 10).ToArray(), await bed.DownloadAsync(file, content.Length - 10, 1000));
        Assert.Empty(await bed.DownloadAsync(file, content.Length, 10));
    }

    [Fact]
    public async Task Upload_server_is_a_bare_host_and_account_info_reports_storage()
    {
        await using var bed = await TestBed.StartAsync();
        var server = await bed.Client.GetUploadServerAsync(Ct);
        Assert.DoesNotContain("://", server.Url, StringComparison.Ordinal);
        Assert.Equal(10, server.Id.Length);
        await bed.UploadBytesAsync(0, "a.bin", TestBed.RandomBytes(1000));
        var info = await bed.Client.GetAccountInfoAsync(Ct);
        Assert.Equal(1000, info.ColdStorage);
        Assert.True(info.AvailableColdStorage > 0);
        Assert.True(info.SubscriptionEnd > DateTimeOffset.UtcNow, $"subscription_end {info.SubscriptionEnd:O} is not in the future");
    }

    [Fact]
    public async Task A_file_uploads_from_disk()
    {
        await using var bed = await TestBed.StartAsync();
        var path = Path.GetTempFileName();
        try
        {
            var content = TestBed.RandomBytes(200_000);
            await File.WriteAllBytesAsync(path, content, Ct);
            var file = await bed.Client.UploadFileAsync(path, 0, "disk.bin", null, Ct);
            Assert.Equal(content, await bed.DownloadAsync(file));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
