using FsMount.Core.Errors;
using FsMount.Core.Remote;
using FsMount.OneFichier.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FsMount.OneFichier.Tests;

public sealed class OneFichierDriveTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_folder_is_listed_in_one_call_with_decoded_names_and_short_ids()
    {
        await using var bed = await TestBed.StartAsync();
        var folder = await bed.Client.CreateFolderAsync(0, "Films <2024>", Ct);
        var sub = await bed.Client.CreateFolderAsync(folder.FolderId, "..", Ct);
        var file = await bed.UploadBytesAsync(folder.FolderId, " a\"b ", TestBed.RandomBytes(1234));
        using var drive = new OneFichierDrive(bed.Client);

        var listing = await drive.ListFolderAsync(folder.FolderId, Ct);

        Assert.Equal("Films <2024>", listing.Name);
        Assert.Equal("..", Assert.Single(listing.Folders).Name);
        Assert.Equal(sub.FolderId, listing.Folders[0].Id);
        var remote = Assert.Single(listing.Files);
        Assert.Equal(" a\"b ", remote.Name);
        Assert.Equal(file.Url, remote.Id);
        Assert.Equal(file.Url[(file.Url.IndexOf('?', StringComparison.Ordinal) + 1)..], remote.ShortId);
        Assert.Equal(1234, remote.Size);
        Assert.Equal(1, await bed.CallsAsync("folder/ls.cgi"));
        Assert.Equal(0, await bed.CallsAsync("file/ls.cgi"));
    }

    [Fact]
    public async Task A_reader_uses_one_token_for_many_ranges()
    {
        await using var bed = await TestBed.StartAsync();
        var content = TestBed.RandomBytes(1_000_000);
        await bed.UploadBytesAsync(0, "song.flac", content);
        using var drive = new OneFichierDrive(bed.Client);
        var remote = Assert.Single((await drive.ListFolderAsync(0, Ct)).Files);

        await using (var reader = await drive.OpenReadAsync(remote, Ct))
        {
            foreach (var (offset, length) in new[] { (0L, 4096L), (990_000L, 10_000L), (500_000L, 1000L) })
            {
                await using var stream = await reader.OpenRangeAsync(offset, length, Ct);
                using var copy = new MemoryStream();
                await stream.CopyToAsync(copy, Ct);
                Assert.Equal(content.AsSpan((int)offset, (int)length).ToArray(), copy.ToArray());
            }
        }

        Assert.Equal(1, await bed.CallsAsync("download/get_token.cgi"));
    }

    [Fact]
    public async Task Every_open_of_a_file_shares_its_token_while_it_is_young()
    {
        await using var bed = await TestBed.StartAsync();
        var content = TestBed.RandomBytes(100_000);
        await bed.UploadBytesAsync(0, "a.mkv", content);
        await bed.UploadBytesAsync(0, "b.mkv", TestBed.RandomBytes(1000));
        using var drive = new OneFichierDrive(bed.Client);
        var files = (await drive.ListFolderAsync(0, Ct)).Files.OrderBy(f => f.Name, StringComparer.Ordinal).ToList();

        // A media scanner: the head of each file, then both again from new handles.
        foreach (var file in files.Concat(files))
        {
            await using var reader = await drive.OpenReadAsync(file, Ct);
            await using var stream = await reader.OpenRangeAsync(0, 100, Ct);
            await stream.CopyToAsync(Stream.Null, Ct);
        }

        Assert.Equal(2, await bed.CallsAsync("download/get_token.cgi"));
    }

    [Fact]
    public async Task A_token_older_than_its_lifetime_is_replaced()
    {
        await using var bed = await TestBed.StartAsync(configure: options =>
        {
            TestBed.FastPacing(options);
            options.DownloadTokenLifetime = TimeSpan.FromTicks(1);
        });
        var content = TestBed.RandomBytes(10_000);
        var uploaded = await bed.UploadBytesAsync(0, "a.bin", content);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(content.AsSpan(i * 100, 100).ToArray(), await bed.DownloadAsync(uploaded, i * 100, 100));
        }

        Assert.Equal(3, await bed.CallsAsync("download/get_token.cgi"));
    }

    [Fact]
    public async Task Account_info_is_cached_and_missing_files_are_not_found()
    {
        await using var bed = await TestBed.StartAsync();
        await bed.UploadBytesAsync(0, "a.bin", TestBed.RandomBytes(2048));
        using var drive = new OneFichierDrive(bed.Client);

        var first = await drive.GetAccountInfoAsync(Ct);
        var second = await drive.GetAccountInfoAsync(Ct);

        Assert.Equal(2048, first.UsedBytes);
        Assert.Same(first, second);
        Assert.Equal(1, await bed.CallsAsync("user/info.cgi"));

        var ghost = new RemoteFile(new Uri(bed.Server.BaseUrl, "?zzzzzzzzzz").ToString(), "zzzzzzzzzz", "ghost", 10, DateTimeOffset.UnixEpoch, null, null);
        await using var reader = await drive.OpenReadAsync(ghost, Ct);
        var error = await Assert.ThrowsAsync<RemoteDriveException>(() => reader.OpenRangeAsync(0, 10, Ct));
        Assert.Equal(FsError.NotFound, error.Error);
    }

    [Fact]
    public void Registration_resolves_the_drive_and_rejects_bad_options()
    {
        var services = new ServiceCollection();
        services.AddOneFichier(o => o.CallsPerSecond = 1, "SomeKey");
        using (var provider = services.BuildServiceProvider())
        {
            var drive = provider.GetRequiredService<IRemoteDrive>();
            Assert.Same(provider.GetRequiredService<OneFichierDrive>(), drive);
            Assert.Equal(0, drive.RootFolderId);
        }

        var bad = new ServiceCollection();
        bad.AddOneFichier(o => o.AccountInfoCacheDuration = TimeSpan.FromSeconds(10), "SomeKey");
        using var badProvider = bad.BuildServiceProvider();
        Assert.Throws<OptionsValidationException>(() => badProvider.GetRequiredService<OneFichierClient>());
    }
}
