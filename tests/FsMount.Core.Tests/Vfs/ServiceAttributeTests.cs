using System.Text;
using FsMount.Core.Errors;
using FsMount.Core.Tests.Fakes;
using FsMount.Core.Vfs;
using Microsoft.Extensions.Time.Testing;

namespace FsMount.Core.Tests.Vfs;

/// <summary>
/// The service's facts about a file as read-only extended attributes, under the names the drive gives
/// (the fake's <c>user.fake.*</c>), answered from the listing without another call.
/// </summary>
public sealed class ServiceAttributeTests
{
    private const ulong Root = IVirtualFileSystem.RootNodeId;
    private const string Checksum = "ABCDEF0123";
    private static readonly DateTimeOffset s_uploaded = new(2024, 7, 14, 21, 55, 18, TimeSpan.FromHours(2));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_listed_file_shows_link_checksum_type_and_upload_date_without_another_call()
    {
        var drive = new FakeRemoteDrive();
        var remote = drive.AddFile(drive.RootFolderId, "report.pdf", 10, s_uploaded, checksum: Checksum, contentType: "application/pdf");
        await using var fs = await TestMount.StartAsync(drive);
        var file = (await fs.LookupOkAsync(Root, "report.pdf")).NodeId;
        var calls = drive.TotalListCalls;

        Assert.Equal(
            ["user.fake.link", "user.fake.sum", "user.fake.type", "user.fake.uploaded"],
            (await fs.ListExtendedAttributesAsync(file, Token)).Ok());
        Assert.Equal(drive.LinkOf(remote), await ValueAsync(fs, file, "user.fake.link"));
        Assert.Equal("abcdef0123", await ValueAsync(fs, file, "user.fake.sum"));
        Assert.Equal("application/pdf", await ValueAsync(fs, file, "user.fake.type"));
        Assert.Equal("2024-07-14T21:55:18+02:00", await ValueAsync(fs, file, "user.fake.uploaded"));
        Assert.Equal(FsError.NoAttribute, (await fs.GetExtendedAttributeAsync(file, "user.fake.other", Token)).Error);
        Assert.Equal(calls, drive.TotalListCalls);
    }

    [Fact]
    public async Task A_value_the_service_did_not_give_is_left_out()
    {
        var drive = new FakeRemoteDrive();
        drive.AddFile(drive.RootFolderId, "new.bin", 10, s_uploaded);
        await using var fs = await TestMount.StartAsync(drive);
        var file = (await fs.LookupOkAsync(Root, "new.bin")).NodeId;

        Assert.Equal(["user.fake.link", "user.fake.uploaded"], (await fs.ListExtendedAttributesAsync(file, Token)).Ok());
        Assert.Equal(FsError.NoAttribute, (await fs.GetExtendedAttributeAsync(file, "user.fake.sum", Token)).Error);
    }

    [Fact]
    public async Task Folders_and_staged_files_show_none_and_an_uploaded_file_shows_them()
    {
        var drive = new FakeRemoteDrive();
        drive.AddFolder(drive.RootFolderId, 5, "docs");
        await using var fs = await TestMount.StartAsync(drive);
        var folderNode = (await fs.LookupOkAsync(Root, "docs")).NodeId;
        var staged = await fs.WriteNewFileAsync(Root, "draft.txt", [1, 2, 3]);

        Assert.Empty((await fs.ListExtendedAttributesAsync(folderNode, Token)).Ok());
        Assert.Empty((await fs.ListExtendedAttributesAsync(staged, Token)).Ok());
        Assert.Equal(FsError.NoAttribute, (await fs.GetExtendedAttributeAsync(staged, "user.fake.link", Token)).Error);

        await fs.UploadAllAsync();

        Assert.Contains("user.fake.link", (await fs.ListExtendedAttributesAsync(staged, Token)).Ok());
        Assert.StartsWith("https://fake.invalid/", await ValueAsync(fs, staged, "user.fake.link"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task What_an_upload_report_leaves_out_appears_with_the_folders_next_listing()
    {
        var drive = new FakeRemoteDrive();
        var time = new FakeTimeProvider(FakeRemoteDrive.Epoch);
        await using var fs = await TestMount.StartAsync(drive, time);
        var file = await fs.WriteNewFileAsync(Root, "notes.txt", [1, 2, 3]);
        await fs.UploadAllAsync();
        Assert.Equal(["user.fake.link", "user.fake.uploaded"], (await fs.ListExtendedAttributesAsync(file, Token)).Ok());

        drive.ChangeListed(drive.RootFolderId, "notes.txt", listed => listed with { Checksum = Checksum, ContentType = "text/plain" });
        time.Advance(new FsMountOptions().DirectoryCacheTime);
        await fs.LookupOkAsync(Root, "notes.txt");

        Assert.Equal("text/plain", await ValueAsync(fs, file, "user.fake.type"));
        Assert.Equal("abcdef0123", await ValueAsync(fs, file, "user.fake.sum"));
    }

    [Fact]
    public async Task The_services_attributes_cannot_be_set_or_removed_and_other_names_keep_their_answers()
    {
        var drive = new FakeRemoteDrive();
        drive.AddFile(drive.RootFolderId, "report.pdf", 10, s_uploaded, checksum: Checksum);
        await using var writable = await TestMount.StartAsync(drive);
        await using var readOnly = await TestMount.StartAsync(drive, options: new FsMountOptions { ReadOnly = true });
        var file = (await writable.LookupOkAsync(Root, "report.pdf")).NodeId;
        var sameFile = (await readOnly.LookupOkAsync(Root, "report.pdf")).NodeId;

        Assert.Equal(FsError.NotPermitted, await writable.SetExtendedAttributeAsync(file, "user.fake.sum", new byte[] { 1 }, Token));
        Assert.Equal(FsError.NotPermitted, await writable.RemoveExtendedAttributeAsync(file, "user.fake.sum", Token));
        Assert.Equal(FsError.NotPermitted, await writable.SetExtendedAttributeAsync(file, "user.fake.new", new byte[] { 1 }, Token));
        Assert.Equal(FsError.NotPermitted, await readOnly.SetExtendedAttributeAsync(sameFile, "user.fake.sum", new byte[] { 1 }, Token));
        Assert.Equal(FsError.NotSupported, await writable.SetExtendedAttributeAsync(file, "user.x", new byte[] { 1 }, Token));
        Assert.Equal(FsError.NoAttribute, await writable.RemoveExtendedAttributeAsync(file, "user.x", Token));
        Assert.Equal(FsError.ReadOnly, await readOnly.SetExtendedAttributeAsync(sameFile, "user.x", new byte[] { 1 }, Token));
        Assert.Equal(FsError.NoAttribute, (await writable.GetExtendedAttributeAsync(file, "user.x", Token)).Error);
        Assert.Equal(FsError.NotFound, (await writable.GetExtendedAttributeAsync(999, "user.x", Token)).Error);
    }

    private static async Task<string> ValueAsync(MountedFileSystem fs, ulong node, string name) =>
        Encoding.UTF8.GetString((await fs.GetExtendedAttributeAsync(node, name, Token)).Ok());
}
