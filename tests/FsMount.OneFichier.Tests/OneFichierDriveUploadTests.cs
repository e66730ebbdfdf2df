using FsMount.Core.Errors;
using FsMount.Core.Remote;
using FsMount.OneFichier.Names;
using FsMount.OneFichier.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace FsMount.OneFichier.Tests;

public sealed class OneFichierDriveUploadTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_upload_under_a_ticket_returns_the_file_and_its_ticket_finds_it()
    {
        await using var bed = await TestBed.StartAsync();
        var before = DateTimeOffset.UtcNow;
        var content = TestBed.RandomBytes(5000);

        var ticket = await bed.Drive.BeginUploadAsync(Ct);
        var file = await UploadAsync(bed.Drive, ticket, 0, "a.bin", content);

        Assert.Equal(10, ticket.Id.Length);
        Assert.InRange(ticket.Issued, before, DateTimeOffset.UtcNow);
        Assert.Equal(("a.bin", 5000L), (file.Name, file.Size));
        Assert.Equal(128, file.Checksum!.Length);
        var found = await FindAsync(bed.Drive, ticket, "a.bin", 5000);
        Assert.Equal(file, found! with { Uploaded = file.Uploaded });
        var listed = Assert.Single((await bed.Drive.ListFolderAsync(0, Ct)).Files);
        Assert.Equal((file.Id, file.ShortId), (listed.Id, listed.ShortId));
    }

    [Fact]
    public async Task An_upload_whose_answer_is_lost_is_found_by_its_report_and_not_sent_again()
    {
        await using var bed = await TestBed.StartAsync();
        await bed.DropResponsesAsync("upload.cgi");

        var file = await UploadAsync(bed.Drive, await bed.Drive.BeginUploadAsync(Ct), 0, "a.bin", TestBed.RandomBytes(5000));
        var viaClient = await bed.UploadBytesAsync(0, "b.bin", TestBed.RandomBytes(10));

        Assert.Equal(2, await bed.CallsAsync("upload.cgi"));
        Assert.Equal(2, await bed.DroppedResponsesAsync());
        var files = (await bed.Drive.ListFolderAsync(0, Ct)).Files;
        Assert.Equal(2, files.Count);
        Assert.Contains(files, f => f.Id == file.Id);
        Assert.Contains(files, f => f.Id == viaClient.Url);
    }

    [Fact]
    public async Task An_upload_broken_mid_body_throws_and_its_ticket_finds_nothing()
    {
        await using var bed = await TestBed.StartAsync();
        await bed.SetFaultsAsync(new { resetRate = 1.0 });
        var ticket = await bed.Drive.BeginUploadAsync(Ct);

        var error = await Assert.ThrowsAsync<RemoteDriveException>(() => UploadAsync(bed.Drive, ticket, 0, "a.bin", TestBed.RandomBytes(100_000)));

        Assert.Equal(FsError.Unavailable, error.Error);
        Assert.Null(await FindAsync(bed.Drive, ticket, "a.bin", 100_000));
        // A report missing while reports are kept is enough: no listing was needed to tell.
        Assert.Equal(0, await bed.CallsAsync("ls.cgi"));
    }

    [Fact]
    public async Task Finding_an_upload_when_its_node_cannot_be_reached_is_unavailable()
    {
        await using var bed = await TestBed.StartAsync(configure: TestBed.FastPacingAnd(o => o.MaxRetries = 1));
        var ticket = await bed.Drive.BeginUploadAsync(Ct) with { Server = "127.0.0.1:" + Ports.Closed() };

        var error = await Assert.ThrowsAsync<RemoteDriveException>(() => FindAsync(bed.Drive, ticket, "a.bin", 10));

        Assert.Equal(FsError.Unavailable, error.Error);
    }

    [Fact]
    public async Task Once_reports_are_gone_the_listing_decides_and_an_older_file_of_that_name_and_size_is_not_it()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-1));
        await using var bed = await StartPastReportRetentionAsync(clock);
        var content = TestBed.RandomBytes(700);
        var older = await bed.UploadBytesAsync(0, "a.bin", content);
        clock.SetUtcNow(DateTimeOffset.UtcNow);

        var notFound = await FindAsync(bed.Drive, await bed.Drive.BeginUploadAsync(Ct), "a.bin", 700);
        var ticket = await bed.Drive.BeginUploadAsync(Ct);
        var file = await UploadAsync(bed.Drive, ticket, 0, "a.bin", content);
        clock.Advance(TimeSpan.FromHours(3));
        var found = await FindAsync(bed.Drive, ticket, "a.bin", 700);

        Assert.Null(notFound);
        Assert.NotEqual(older.Url, file.Id);
        Assert.Equal(file.Id, found?.Id);
        // Neither report could tell: one was never made, the other had expired.
        Assert.Equal(2, await bed.KoAsync("end.pl", 469));
        Assert.Equal(2, await bed.CallsAsync("file/ls.cgi"));
    }

    [Fact]
    public async Task Quota_and_size_refusals_are_no_space_and_too_large()
    {
        await using var bed = await TestBed.StartAsync(emulator: new EmulatorSettings(StorageQuota: 2000, MaxFileSize: 1000));

        var tooLarge = await Assert.ThrowsAsync<RemoteDriveException>(async () => await UploadAsync(bed.Drive, await bed.Drive.BeginUploadAsync(Ct), 0, "a.bin", TestBed.RandomBytes(1500)));
        var noSpace = await Assert.ThrowsAsync<RemoteDriveException>(async () => await UploadAsync(bed.Drive, await bed.Drive.BeginUploadAsync(Ct), 0, "b.bin", TestBed.RandomBytes(2500)));

        Assert.Equal(FsError.TooLarge, tooLarge.Error);
        Assert.Equal(FsError.NoSpace, noSpace.Error);
    }

    [Fact]
    public async Task A_batch_lands_as_several_files_in_one_request_with_their_names_bytes_and_progress()
    {
        await using var bed = await TestBed.StartAsync();
        (string Name, byte[] Content)[] files =
        [
            ("plain.txt", TestBed.RandomBytes(1_500_000)),
            ("price $5.txt", TestBed.RandomBytes(1)),
            ("say \"hi\" it's <b>.html", TestBed.RandomBytes(2_100_000)),
            ("back\\slash`.bin", TestBed.RandomBytes(300)),
            ("  spaced out  ", TestBed.RandomBytes(40)),
            ("party 🎉.bin", TestBed.RandomBytes(7)),
        ];
        var progress = new List<long>();

        var uploaded = await UploadAsync(bed.Drive, await bed.Drive.BeginUploadAsync(Ct), 0, files, new SynchronousProgress(progress));

        Assert.Equal(1, await bed.CallsAsync("upload.cgi"));
        Assert.Equal(files.Select(f => (f.Name, (long)f.Content.Length)), uploaded.Select(f => (f!.Name, f.Size)));
        for (var i = 0; i < files.Length; i++)
        {
            Assert.Equal(files[i].Content, await bed.DownloadAsync(uploaded[i]!));
        }

        var listed = (await bed.Drive.ListFolderAsync(0, Ct)).Files;
        Assert.Equal(uploaded.Select(f => (f!.Id, f.Name)).Order(), listed.Select(f => (f.Id, f.Name)).Order());
        // One running count over the whole request, passing each file's end on the way to the total.
        Assert.Equal(progress.Order(), progress);
        Assert.Contains(files[0].Content.Length, progress);
        Assert.Equal(files.Sum(f => (long)f.Content.Length), progress[^1]);
    }

    [Fact]
    public async Task Two_files_of_one_name_and_size_in_a_batch_both_land_each_as_its_own_file()
    {
        await using var bed = await TestBed.StartAsync();
        (string Name, byte[] Content)[] twins = [("twin.bin", TestBed.RandomBytes(2000)), ("twin.bin", TestBed.RandomBytes(2000))];
        var ticket = await bed.Drive.BeginUploadAsync(Ct);

        var uploaded = await UploadAsync(bed.Drive, ticket, 0, twins);
        var found = await FindAsync(bed.Drive, ticket, 0, twins);

        Assert.NotEqual(uploaded[0]!.Id, uploaded[1]!.Id);
        Assert.Equal(twins[0].Content, await bed.DownloadAsync(uploaded[0]!));
        Assert.Equal(twins[1].Content, await bed.DownloadAsync(uploaded[1]!));
        Assert.Equal(uploaded.Select(f => f!.Id), found.Select(f => f!.Id));
        Assert.Equal(2, (await bed.Drive.ListFolderAsync(0, Ct)).Files.Count);
    }

    [Fact]
    public async Task A_batch_whose_answer_is_lost_is_resolved_by_its_report_without_a_second_send()
    {
        await using var bed = await TestBed.StartAsync();
        var folder = await bed.Drive.CreateFolderAsync(0, "in", Ct);
        await bed.DropResponsesAsync("upload.cgi");
        (string Name, byte[] Content)[] files = [("a.bin", TestBed.RandomBytes(100)), ("b.bin", TestBed.RandomBytes(200)), ("a.bin", TestBed.RandomBytes(100))];

        var uploaded = await UploadAsync(bed.Drive, await bed.Drive.BeginUploadAsync(Ct), folder.Id, files);

        Assert.Equal((1, 1), (await bed.CallsAsync("upload.cgi"), await bed.DroppedResponsesAsync()));
        Assert.Equal(0, await bed.CallsAsync("ls.cgi"));
        Assert.Equal(files.Select(f => f.Name), uploaded.Select(f => f!.Name));
        var listed = (await bed.Drive.ListFolderAsync(folder.Id, Ct)).Files;
        Assert.Equal(uploaded.Select(f => f!.Id).Order(), listed.Select(f => f.Id).Order());
    }

    [Fact]
    public async Task A_ticket_finds_any_subset_of_its_batch_in_the_order_asked()
    {
        await using var bed = await TestBed.StartAsync();
        (string Name, byte[] Content)[] files = [("a.bin", TestBed.RandomBytes(10)), ("b.bin", TestBed.RandomBytes(20)), ("c.bin", TestBed.RandomBytes(30))];
        var ticket = await bed.Drive.BeginUploadAsync(Ct);
        var uploaded = await UploadAsync(bed.Drive, ticket, 0, files);

        var found = await FindAsync(bed.Drive, ticket, 0, [files[2], files[0]]);

        Assert.Equal([uploaded[2]!.Id, uploaded[0]!.Id], found.Select(f => f!.Id));
        Assert.Equal(0, await bed.CallsAsync("ls.cgi"));
    }

    [Fact]
    public async Task A_ticket_that_never_uploaded_finds_none_of_its_items()
    {
        await using var bed = await TestBed.StartAsync();
        var ticket = await bed.Drive.BeginUploadAsync(Ct);

        var found = await bed.Drive.FindUploadAsync(ticket, 0, [new UploadItem("a.bin", 10), new UploadItem("b.bin", 20)], Ct);

        Assert.Equal([null, null], found);
        Assert.Equal(1, await bed.KoAsync("end.pl", 469));
        Assert.Equal(0, await bed.CallsAsync("ls.cgi"));
    }

    [Fact]
    public async Task A_name_the_service_refuses_comes_back_null_and_the_rest_of_the_batch_lands()
    {
        await using var bed = await TestBed.StartAsync();
        // The emulator refuses '´' (rclone #3298) and the codec, following rclone's encoder, sends it as it is.
        const string refused = "caf´e.txt";
        Assert.Equal(refused, OneFichierNameCodec.Encode(refused));
        (string Name, byte[] Content)[] files = [("first.txt", TestBed.RandomBytes(10)), (refused, TestBed.RandomBytes(10)), ("last.txt", TestBed.RandomBytes(10))];
        var ticket = await bed.Drive.BeginUploadAsync(Ct);

        var uploaded = await UploadAsync(bed.Drive, ticket, 0, files);
        var found = await FindAsync(bed.Drive, ticket, 0, files);

        Assert.Equal(["first.txt", null, "last.txt"], uploaded.Select(f => f?.Name));
        Assert.Equal(uploaded.Select(f => f?.Id), found.Select(f => f?.Id));
        Assert.Equal(2, (await bed.Drive.ListFolderAsync(0, Ct)).Files.Count);
    }

    [Fact]
    public async Task Once_reports_are_gone_the_listing_finds_each_item_of_a_batch_once()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var bed = await StartPastReportRetentionAsync(clock);
        (string Name, byte[] Content)[] files = [("a.bin", TestBed.RandomBytes(700)), ("b.bin", TestBed.RandomBytes(300)), ("a.bin", TestBed.RandomBytes(700)), ("caf´e.txt", TestBed.RandomBytes(5))];
        var ticket = await bed.Drive.BeginUploadAsync(Ct);
        var uploaded = await UploadAsync(bed.Drive, ticket, 0, files);
        clock.Advance(TimeSpan.FromHours(3));

        var found = await FindAsync(bed.Drive, ticket, 0, [files[3], files[2], files[1], files[0]]);

        Assert.Null(uploaded[3]);
        Assert.Null(found[0]);
        Assert.Equal(uploaded[1]!.Id, found[2]!.Id);
        // One listed file answers for one item: both a.bin are found, each once.
        Assert.Equal(new[] { uploaded[0]!.Id, uploaded[2]!.Id }.Order(), new[] { found[1]!.Id, found[3]!.Id }.Order());
        Assert.Equal(1, await bed.KoAsync("end.pl", 469));
        Assert.Equal(1, await bed.CallsAsync("file/ls.cgi"));
    }

    [Fact]
    public async Task An_unusable_report_for_a_batch_is_replaced_by_the_listing_despite_its_lag()
    {
        await using var bed = await TestBed.StartAsync();
        await bed.SetFaultsAsync(new { endPageHtmlRate = 1.0, listingLagMs = 600 });
        (string Name, byte[] Content)[] files = [("a.bin", TestBed.RandomBytes(10)), ("b.bin", TestBed.RandomBytes(20))];

        var uploaded = await UploadAsync(bed.Drive, await bed.Drive.BeginUploadAsync(Ct), 0, files);

        Assert.Equal(files.Select(f => (f.Name, (long)f.Content.Length)), uploaded.Select(f => (f!.Name, f.Size)));
        Assert.Equal(files[1].Content, await bed.DownloadAsync(uploaded[1]!));
    }

    [Fact]
    public async Task A_batch_outside_the_limits_is_refused_before_anything_is_sent()
    {
        await using var bed = await TestBed.StartAsync(configure: TestBed.FastPacingAnd(o => o.MaxFilesPerUpload = 2));
        var ticket = await bed.Drive.BeginUploadAsync(Ct);
        var one = new UploadItem("a.bin", 1, () => new MemoryStream([1]));
        UploadItem[][] refused =
        [
            [],
            [one, one, one],
            [one, one with { Length = 0 }],
            [one with { Name = string.Empty }],
            [one with { OpenContent = null }],
            [one with { Length = OneFichierClient.MaxFileSize + 1 }],
        ];

        foreach (var items in refused)
        {
            await Assert.ThrowsAsync<ArgumentException>(() => bed.Drive.UploadAsync(ticket, 0, items, null, Ct));
        }

        Assert.Equal(0, await bed.CallsAsync("upload.cgi"));
        Assert.Equal(2, (await bed.Drive.UploadAsync(ticket, 0, [one, one], null, Ct)).Count(f => f is not null));
    }

    /// <summary>
    /// A bed whose client reads every ticket as past the reports' retention, and whose emulator drops its reports
    /// once <paramref name="clock"/> is moved on 2 hours: the listing decides.
    /// </summary>
    private static Task<TestBed> StartPastReportRetentionAsync(FakeTimeProvider clock) => TestBed.StartAsync(
        configure: TestBed.FastPacingAnd(o => o.UploadReportRetention = TimeSpan.FromMilliseconds(1)),
        emulator: new EmulatorSettings(Clock: clock));

    private static Task<IReadOnlyList<RemoteFile?>> UploadAsync(OneFichierDrive drive, UploadTicket ticket, long folderId, IReadOnlyList<(string Name, byte[] Content)> files, IProgress<long>? progress = null) =>
        drive.UploadAsync(ticket, folderId, files.Select(f => new UploadItem(f.Name, f.Content.Length, () => new MemoryStream(f.Content))).ToList(), progress, Ct);

    private static Task<IReadOnlyList<RemoteFile?>> FindAsync(OneFichierDrive drive, UploadTicket ticket, long folderId, IReadOnlyList<(string Name, byte[] Content)> files) =>
        drive.FindUploadAsync(ticket, folderId, files.Select(f => new UploadItem(f.Name, f.Content.Length)).ToList(), Ct);

    private static async Task<RemoteFile> UploadAsync(OneFichierDrive drive, UploadTicket ticket, long folderId, string name, byte[] content) =>
        (await UploadAsync(drive, ticket, folderId, [(name, content)]))[0]!;

    private static async Task<RemoteFile?> FindAsync(OneFichierDrive drive, UploadTicket ticket, string name, long length) =>
        (await drive.FindUploadAsync(ticket, 0, [new UploadItem(name, length)], Ct))[0];
}
