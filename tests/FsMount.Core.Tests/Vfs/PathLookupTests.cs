using FsMount.Core.Errors;
using FsMount.Core.Names;
using FsMount.Core.Tests.Fakes;
using FsMount.Core.Vfs;
using Microsoft.Extensions.Time.Testing;

namespace FsMount.Core.Tests.Vfs;

/// <summary>What a path-based adapter (WinFsp) asks of the core: walks, delete checks, Windows' rename and names.</summary>
public sealed class PathLookupTests
{
    private const ulong Root = IVirtualFileSystem.RootNodeId;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_path_is_walked_case_insensitively_and_answered_in_the_directories_case()
    {
        var drive = new FakeRemoteDrive();
        drive.AddFolder(drive.RootFolderId, 11, "Movies");
        drive.AddFolder(11, 12, "Classics");
        drive.AddFile(12, "Nosferatu.mkv", 10);
        await using var fs = TestMount.Create(drive, options: new FsMountOptions { CaseInsensitiveNames = true });

        var found = (await fs.LookupPathAsync(["MOVIES", "classics", "nosferatu.MKV"], Token)).Ok();
        var root = (await fs.LookupPathAsync([], Token)).Ok();

        Assert.Equal(["Movies", "Classics", "Nosferatu.mkv"], found.Names);
        Assert.Equal(10, found.Attributes.Size);
        Assert.Equal(Root, root.Attributes.NodeId);
        Assert.Empty(root.Names);
        Assert.Equal(FsError.NotFound, (await fs.LookupPathAsync(["Movies", "missing", "x"], Token)).Error);
        Assert.Equal(FsError.NotDirectory, (await fs.LookupPathAsync(["Movies", "Classics", "Nosferatu.mkv", "x"], Token)).Error);
        Assert.Equal(3, drive.TotalListCalls);
    }

    [Fact]
    public async Task A_found_node_holds_one_reference_and_the_directories_walked_hold_none()
    {
        var drive = new FakeRemoteDrive();
        drive.AddFolder(drive.RootFolderId, 11, "a");
        drive.AddFile(11, "f", 3);
        var time = new FakeTimeProvider(FakeRemoteDrive.Epoch);
        await using var fs = TestMount.Create(drive, time);
        var directory = (await fs.LookupPathAsync(["a"], Token)).Ok().Attributes.NodeId;
        fs.Forget(directory, 1);
        var file = (await fs.LookupPathAsync(["a", "f"], Token)).Ok().Attributes.NodeId;

        // Another client empties and removes the folder.
        drive.RemoveFromListing(11, "f");
        await drive.RemoveFolderAsync(11, Token);
        time.Advance(new FsMountOptions().DirectoryCacheTime);
        Assert.Equal(FsError.NotFound, (await fs.LookupPathAsync(["a"], Token)).Error);

        Assert.Equal(FsError.NotFound, (await fs.GetAttributesAsync(directory, Token)).Error);
        Assert.Equal(3, (await fs.GetAttributesAsync(file, Token)).Ok().Size);
        fs.Forget(file, 1);
        Assert.Equal(FsError.NotFound, (await fs.GetAttributesAsync(file, Token)).Error);
    }

    [Fact]
    public async Task A_delete_is_checked_before_it_happens_listing_the_folder_if_needed()
    {
        var drive = new FakeRemoteDrive();
        drive.AddFolder(drive.RootFolderId, 11, "full");
        drive.AddFile(11, "inside", 1);
        drive.AddFolder(drive.RootFolderId, 12, "empty");
        drive.AddFile(drive.RootFolderId, "file", 1);
        await using var fs = TestMount.Create(drive);

        Assert.Equal(FsError.NotEmpty, await fs.CheckRemoveAsync(Root, "full", Token));
        Assert.Equal(FsError.None, await fs.CheckRemoveAsync(Root, "empty", Token));
        Assert.Equal(FsError.None, await fs.CheckRemoveAsync(Root, "file", Token));
        Assert.Equal(FsError.NotFound, await fs.CheckRemoveAsync(Root, "missing", Token));
        Assert.Equal(1, drive.ListCallsFor(11));
        Assert.Single(drive.FilesIn(11));
    }

    [Fact]
    public async Task A_read_only_mount_refuses_the_delete_up_front()
    {
        var drive = new FakeRemoteDrive();
        drive.AddFile(drive.RootFolderId, "file", 1);
        await using var fs = TestMount.Create(drive, options: new FsMountOptions { ReadOnly = true });

        Assert.Equal(FsError.ReadOnly, await fs.CheckRemoveAsync(Root, "file", Token));
    }

    [Fact]
    public async Task Windows_replace_replaces_a_file_but_never_a_directory()
    {
        var drive = new FakeRemoteDrive();
        drive.AddFile(drive.RootFolderId, "new.txt", 1);
        drive.AddFile(drive.RootFolderId, "old.txt", 2);
        drive.AddFolder(drive.RootFolderId, 11, "folder");
        await using var fs = TestMount.Create(drive);
        await fs.LookupOkAsync(Root, "new.txt");

        Assert.Equal(FsError.NotPermitted, await fs.RenameAsync(Root, "new.txt", Root, "folder", RenameOptions.ReplaceFile, Token));
        Assert.Equal(FsError.None, await fs.RenameAsync(Root, "new.txt", Root, "old.txt", RenameOptions.ReplaceFile, Token));

        var remaining = Assert.Single(drive.FilesIn(drive.RootFolderId));
        Assert.Equal(("old.txt", 1L), (remaining.Name, remaining.Size));
        Assert.Single(drive.FoldersIn(drive.RootFolderId));
    }

    [Fact]
    public async Task With_windows_names_the_service_keeps_what_windows_forbids_and_explorer_sees_stand_ins()
    {
        var drive = new FakeRemoteDrive();
        drive.AddFile(drive.RootFolderId, "a:b?.txt", 1);
        drive.AddFile(drive.RootFolderId, "con.txt", 2);
        await using var fs = TestMount.Create(drive, options: new FsMountOptions { NameStyle = NameStyle.Windows, CaseInsensitiveNames = true });
        await fs.InitializeAsync(Token);

        var names = (await fs.ReadDirectoryAsync(Root, Token)).Ok().Select(e => e.Name);
        await fs.WriteNewFileAsync(Root, "why？.txt", [1, 2]);
        await fs.CreateDirectoryAsync(Root, "ＮUL", 0x1ED, Token);
        await fs.UploadAllAsync();

        Assert.Equal(["a：b？.txt", "ｃon.txt"], names);
        Assert.Contains(drive.FilesIn(drive.RootFolderId), file => file.Name == "why?.txt");
        Assert.Equal("NUL", Assert.Single(drive.FoldersIn(drive.RootFolderId)).Name);
        Assert.Equal(FsError.NotFound, (await fs.LookupPathAsync(["con.txt"], Token)).Error);
        Assert.Equal(2, (await fs.LookupPathAsync(["ＣON.TXT"], Token)).Ok().Attributes.Size);
        Assert.Equal(FsError.InvalidName, (await fs.CreateAsync(Root, "bad*", 0x1A4, exclusive: true, new OpenOptions(FileAccessMode.Write), Token)).Error);
        Assert.Equal(FsError.InvalidName, await fs.RenameAsync(Root, "ｃon.txt", Root, "trailing.", RenameOptions.ReplaceFile, Token));
    }
}
