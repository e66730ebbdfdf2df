using FsMount.Core.Errors;
using FsMount.Core.Remote;
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
        await using var bed = await TestBed.StartAsync(
            configure: TestBed.FastPacingAnd(o => o.UploadReportRetention = TimeSpan.FromMilliseconds(1)),
            emulator: new EmulatorSettings(Clock: clock));
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

    private static async Task<RemoteFile> UploadAsync(OneFichierDrive drive, UploadTicket ticket, long folderId, string name, byte[] content) =>
        (await drive.UploadAsync(ticket, folderId, [new UploadItem(name, content.Length, () => new MemoryStream(content))], null, Ct))[0]!;

    private static async Task<RemoteFile?> FindAsync(OneFichierDrive drive, UploadTicket ticket, string name, long length) =>
        (await drive.FindUploadAsync(ticket, 0, [new UploadItem(name, length)], Ct))[0];
}
