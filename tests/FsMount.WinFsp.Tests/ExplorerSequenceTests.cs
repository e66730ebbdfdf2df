using System.Text;
using FsMount.WinFsp.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace FsMount.WinFsp.Tests;

/// <summary>
/// Common Explorer and robocopy actions, as the callbacks Windows sends for them, on the real core over
/// the emulator, checked on the service itself.
/// </summary>
public sealed class ExplorerSequenceTests
{
    private static readonly DateTimeOffset s_sourceTime = new(2025, 4, 5, 6, 7, 8, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_file_opened_read_and_closed_gives_the_services_bytes_whatever_the_case_of_its_path()
    {
        var content = RandomBytes(300_000);
        await using var account = await EmulatedCore.StartAsync(async drive =>
        {
            var films = await drive.CreateFolderAsync(drive.RootFolderId, "Films", Token);
            await EmulatedCore.UploadAsync(drive, films.Id, ("Clip.mkv", content));
        });
        var windows = new WindowsCalls(account.Core);

        Assert.Equal(content, await windows.ReadFileAsync(@"\Films\Clip.mkv"));
        Assert.Equal(content, await windows.ReadFileAsync(@"\FILMS\clip.MKV"));
        Assert.Equal(NtStatus.ObjectNameNotFound, (await windows.CreateFileAsync(@"\Films\missing.srt", Disposition.Open, WindowsCalls.ReadAccess)).Status);
        Assert.Equal(NtStatus.ObjectPathNotFound, (await windows.CreateFileAsync(@"\Series\x.srt", Disposition.Open, WindowsCalls.ReadAccess)).Status);
        Assert.Equal(NtStatus.ObjectPathNotFound, (await windows.CreateFileAsync(@"\Films\Clip.mkv\x", Disposition.Open, WindowsCalls.ReadAccess)).Status);
    }

    [Fact]
    public async Task A_file_copied_in_is_uploaded_with_its_bytes_and_keeps_its_time_and_name()
    {
        var content = RandomBytes(2_500_000);
        await using var account = await EmulatedCore.StartAsync(drive => drive.CreateFolderAsync(drive.RootFolderId, "Docs", Token));
        var windows = new WindowsCalls(account.Core);

        await windows.CopyFileAsync(@"\Docs\report.pdf", content, s_sourceTime);
        await windows.CopyFileAsync(@"\Docs\Q&A？.txt", [1, 2, 3], s_sourceTime);
        await account.UploadAllAsync();

        var remote = await account.RemoteFilesAsync(await account.FolderIdAsync("Docs"));
        Assert.Equal(["Q&A?.txt", "report.pdf"], remote.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(content, remote["report.pdf"]);
        var shown = await account.Core.GetSecurityByNameAsync(@"\Docs\report.pdf", Token);
        Assert.Equal(((ulong)content.Length, FileInfoEncoder.FileTime(s_sourceTime)), (shown.Info.FileSize, shown.Info.LastWriteTime));
        Assert.Equal(content, await windows.ReadFileAsync(@"\Docs\report.pdf"));
    }

    [Fact]
    public async Task A_rename_with_replace_replaces_a_file_but_refuses_a_folder_and_one_without_replace_collides()
    {
        await using var account = await EmulatedCore.StartAsync(async drive =>
        {
            await EmulatedCore.UploadAsync(drive, drive.RootFolderId, ("draft.txt", Text("new")), ("final.txt", Text("old")), ("other.txt", Text("other")));
            await drive.CreateFolderAsync(drive.RootFolderId, "Archive", Token);
        });
        var windows = new WindowsCalls(account.Core);

        Assert.Equal(NtStatus.ObjectNameCollision, await windows.MoveFileAsync(@"\draft.txt", @"\final.txt", replaceExisting: false));
        Assert.Equal(NtStatus.AccessDenied, await windows.MoveFileAsync(@"\draft.txt", @"\Archive", replaceExisting: true));
        Assert.Equal(NtStatus.Success, await windows.MoveFileAsync(@"\draft.txt", @"\final.txt", replaceExisting: true));
        Assert.Equal(NtStatus.Success, await windows.MoveFileAsync(@"\other.txt", @"\Archive\Other.TXT", replaceExisting: false));

        Assert.Equal(Text("new"), await windows.ReadFileAsync(@"\final.txt"));
        Assert.Equal(["Archive", "final.txt"], (await windows.ListAsync(@"\")).Entries.Select(e => e.Name));
        var remote = await account.RemoteFilesAsync(account.Drive.RootFolderId);
        Assert.Equal(Text("new"), Assert.Single(remote, file => file.Key == "final.txt").Value);
        Assert.Single(remote);
        Assert.Equal(Text("other"), (await account.RemoteFilesAsync(await account.FolderIdAsync("Archive")))["Other.TXT"]);
    }

    [Fact]
    public async Task Delete_on_close_removes_files_and_empty_folders_and_refuses_a_folder_that_is_not_empty_at_open()
    {
        await using var account = await EmulatedCore.StartAsync(async drive =>
        {
            await EmulatedCore.UploadAsync(drive, drive.RootFolderId, ("old.log", Text("log")));
            await drive.CreateFolderAsync(drive.RootFolderId, "Empty", Token);
            var full = await drive.CreateFolderAsync(drive.RootFolderId, "Full", Token);
            await EmulatedCore.UploadAsync(drive, full.Id, ("keep.txt", Text("keep")));
        });
        var windows = new WindowsCalls(account.Core);

        Assert.Equal(NtStatus.Success, await windows.DeleteOnCloseAsync(@"\old.log"));
        Assert.Equal(NtStatus.Success, await windows.DeleteOnCloseAsync(@"\Empty"));
        Assert.Equal(NtStatus.DirectoryNotEmpty, await windows.DeleteOnCloseAsync(@"\Full"));
        Assert.Equal(NtStatus.DirectoryNotEmpty, await windows.DeleteAsync(@"\Full"));
        Assert.Equal(NtStatus.Success, await windows.DeleteAsync(@"\Full\keep.txt"));
        Assert.Equal(NtStatus.Success, await windows.DeleteAsync(@"\Full"));

        var root = await account.Drive.ListFolderAsync(account.Drive.RootFolderId, Token);
        Assert.Empty(root.Files);
        Assert.Empty(root.Folders);
        Assert.Equal(NtStatus.ObjectNameNotFound, (await account.Core.GetSecurityByNameAsync(@"\Full", Token)).Status);
    }

    [Fact]
    public async Task A_robocopy_mirror_overwrites_what_changed_adds_what_is_new_removes_the_rest_and_a_second_run_copies_nothing()
    {
        await using var account = await EmulatedCore.StartAsync(async drive =>
        {
            var backup = await drive.CreateFolderAsync(drive.RootFolderId, "Backup", Token);
            await EmulatedCore.UploadAsync(drive, backup.Id, ("changed.txt", RandomBytes(400_000)), ("extra.txt", Text("gone soon")));
        });
        var windows = new WindowsCalls(account.Core);
        var source = new Dictionary<string, byte[]> { ["changed.txt"] = Text("version 2"), ["new.bin"] = RandomBytes(1_500_000) };

        Assert.Equal(3, await MirrorAsync(windows, source, @"\Backup"));

        // An overwrite truncates at open: the old content is never fetched.
        Assert.Equal(0, await account.BytesDownloadedAsync());
        await account.UploadAllAsync();
        var uploads = await account.CallsAsync("/upload.cgi");
        Assert.True(uploads > 0);

        Assert.Equal(0, await MirrorAsync(windows, source, @"\Backup"));
        var remote = await account.RemoteFilesAsync(await account.FolderIdAsync("Backup"));
        Assert.Equal(["changed.txt", "new.bin"], remote.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(source["changed.txt"], remote["changed.txt"]);
        Assert.Equal(source["new.bin"], remote["new.bin"]);
        Assert.Equal(uploads, await account.CallsAsync("/upload.cgi"));
    }

    [Fact]
    public async Task A_large_folder_is_listed_in_pages_through_the_marker_with_names_that_differ_only_by_case_all_reachable()
    {
        var names = Enumerable.Range(0, 150).Select(i => $"episode {i:D3}.mkv").ToArray();
        await using var account = await EmulatedCore.StartAsync(async drive =>
        {
            var series = await drive.CreateFolderAsync(drive.RootFolderId, "Series", Token);
            await EmulatedCore.UploadAsync(drive, series.Id, [.. names[..75].Select(name => (name, Text(name)))]);
            await EmulatedCore.UploadAsync(drive, series.Id, [.. names[75..].Select(name => (name, Text(name)))]);
            await EmulatedCore.UploadAsync(drive, series.Id, ("Readme.txt", Text("first")));
            await EmulatedCore.UploadAsync(drive, series.Id, ("README.txt", Text("second")));
        });
        var windows = new WindowsCalls(account.Core);

        var (entries, pages) = await windows.ListAsync(@"\Series", bufferBytes: 1024);

        var listed = entries.Select(e => e.Name).ToList();
        Assert.True(pages > 20, $"{pages} pages");
        Assert.Equal([".", ".."], listed.Take(2));
        Assert.Equal(listed.Skip(2).Order(StringComparer.Ordinal), listed.Skip(2));
        Assert.Equal(names, listed.Where(name => name.StartsWith("episode", StringComparison.Ordinal)));
        var readmes = listed.Where(name => name.StartsWith("readme", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Equal(2, readmes.Count);
        Assert.Equal(2, readmes.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        var contents = new List<string>();
        foreach (var name in readmes)
        {
            contents.Add(Encoding.UTF8.GetString(await windows.ReadFileAsync(@"\Series\" + name)));
        }

        Assert.Equal(["first", "second"], contents.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_new_enumeration_sees_a_file_made_since_the_last_one()
    {
        await using var account = await EmulatedCore.StartAsync();
        var windows = new WindowsCalls(account.Core);
        Assert.Empty((await windows.ListAsync(@"\")).Entries);

        Assert.Equal(NtStatus.Success, await windows.CreateDirectoryAsync(@"\New folder"));
        Assert.Equal(NtStatus.ObjectNameCollision, await windows.CreateDirectoryAsync(@"\new FOLDER"));

        Assert.Equal(["New folder"], (await windows.ListAsync(@"\")).Entries.Select(e => e.Name));
        Assert.Equal(["New folder"], (await account.Drive.ListFolderAsync(account.Drive.RootFolderId, Token)).Folders.Select(f => f.Name));
    }

    [Fact]
    public async Task Explorer_probes_are_answered_missing_from_memory_with_no_listing_once_the_folders_listing_expired()
    {
        const string listing = "/v1/folder/ls.cgi";
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var account = await EmulatedCore.StartAsync(drive => drive.CreateFolderAsync(drive.RootFolderId, "Photos", Token), time);
        var windows = new WindowsCalls(account.Core);
        Assert.Equal(NtStatus.ObjectNameNotFound, (await windows.CreateFileAsync(@"\Photos\desktop.ini", Disposition.Open, WindowsCalls.ReadAccess)).Status);
        var listed = await account.CallsAsync(listing);
        Assert.True(listed >= 2, $"{listed} listings");

        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(NtStatus.ObjectNameNotFound, (await windows.CreateFileAsync(@"\PHOTOS\Desktop.ini", Disposition.Open, WindowsCalls.ReadAccess)).Status);
        Assert.Equal(listed, await account.CallsAsync(listing));

        Assert.Equal(NtStatus.ObjectNameNotFound, (await account.Core.GetSecurityByNameAsync(@"\Photos\holiday.jpg", Token)).Status);
        Assert.True(await account.CallsAsync(listing) > listed, "a name that is no probe is looked up in a new listing");

        await windows.CopyFileAsync(@"\Photos\desktop.ini", Text("[.ShellClassInfo]"), s_sourceTime);
        Assert.Equal(Text("[.ShellClassInfo]"), await windows.ReadFileAsync(@"\Photos\desktop.ini"));
    }

    /// <summary>robocopy /MIR with its default checks: a file whose size or time differs is copied; a file the source lacks is deleted.</summary>
    private static async Task<int> MirrorAsync(WindowsCalls windows, Dictionary<string, byte[]> source, string destination)
    {
        var present = (await windows.ListAsync(destination)).Entries.Where(e => e.Name is not ("." or "..")).ToDictionary(e => e.Name, e => e.Info);
        var changes = 0;
        foreach (var (name, content) in source)
        {
            if (!present.TryGetValue(name, out var info) || info.FileSize != (ulong)content.Length || info.LastWriteTime != FileInfoEncoder.FileTime(s_sourceTime))
            {
                await windows.CopyFileAsync($@"{destination}\{name}", content, s_sourceTime);
                changes++;
            }
        }

        foreach (var extra in present.Keys.Where(name => !source.ContainsKey(name)))
        {
            Assert.Equal(NtStatus.Success, await windows.DeleteAsync($@"{destination}\{extra}"));
            changes++;
        }

        return changes;
    }

    private static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }
}
