using System.Runtime.CompilerServices;
using FsMount.Fuse.Protocol;
using FsMount.Testing;

namespace FsMount.EndToEnd.Tests.Functional;

/// <summary>
/// One functional suite, run against a plain local directory (which proves the expectations are
/// Linux's), the core in-process, the FUSE bridge over an in-memory channel, and a real mount, all
/// three over the real core and an emulated account, so the bridge is never tested only against a
/// fake core. Each check works in a folder of its own.
/// </summary>
public abstract class FunctionalSuite
{
    private const uint Exists = 0;
    private const uint CanRead = 4;
    private const uint CanWrite = 2;
    private const uint CanExecute = 1;

    private readonly SuiteFixture _fixture;

    private protected FunctionalSuite(SuiteFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task Written_files_read_back_byte_for_byte()
    {
        var (target, folder) = await StartAsync();
        var big = new byte[(2 * 1024 * 1024) + 12345];
        new Random(9).NextBytes(big);

        foreach (var (name, content) in new[] { ("empty", Array.Empty<byte>()), ("hello.txt", "Hello, FUSE!\n"u8.ToArray()), ("big.bin", big) })
        {
            Assert.Equal(LinuxErrno.None, await target.WriteAsync($"{folder}/{name}", content));
            var (error, read) = await target.ReadAsync($"{folder}/{name}");
            Assert.Equal((LinuxErrno.None, content.Length), (error, read.Length));
            Assert.True(content.AsSpan().SequenceEqual(read), $"{name} reads back different bytes");
            Assert.Equal((LinuxErrno.None, new FileStatus(false, content.Length)), await target.StatAsync($"{folder}/{name}"));
        }
    }

    [Fact]
    public async Task Append_and_truncate_change_the_bytes_as_on_a_disk()
    {
        var (target, folder) = await StartAsync();
        var path = $"{folder}/log.txt";

        Assert.Equal(LinuxErrno.None, await target.WriteAsync(path, "abc"u8.ToArray()));
        Assert.Equal(LinuxErrno.None, await target.AppendAsync(path, "def"u8.ToArray()));
        Assert.Equal("abcdef"u8.ToArray(), (await target.ReadAsync(path)).Content);
        Assert.Equal(LinuxErrno.None, await target.TruncateAsync(path, 2));
        Assert.Equal("ab"u8.ToArray(), (await target.ReadAsync(path)).Content);
        Assert.Equal(LinuxErrno.None, await target.TruncateAsync(path, 5));
        Assert.Equal("ab\0\0\0"u8.ToArray(), (await target.ReadAsync(path)).Content);
    }

    [Fact]
    public async Task Names_that_are_taken_or_missing_get_EEXIST_ENOENT_and_ENOTDIR()
    {
        var (target, folder) = await StartAsync();
        await target.WriteAsync($"{folder}/taken", [1]);

        Assert.Equal(LinuxErrno.EEXIST, await target.CreateExclusiveAsync($"{folder}/taken"));
        Assert.Equal(LinuxErrno.None, await target.CreateExclusiveAsync($"{folder}/fresh"));
        Assert.Equal(LinuxErrno.EEXIST, await target.MakeDirectoryAsync($"{folder}/taken"));
        Assert.Equal(LinuxErrno.ENOENT, (await target.StatAsync($"{folder}/missing")).Error);
        Assert.Equal(LinuxErrno.ENOENT, (await target.ReadAsync($"{folder}/missing")).Error);
        Assert.Equal(LinuxErrno.ENOENT, await target.UnlinkAsync($"{folder}/missing"));
        Assert.Equal(LinuxErrno.ENOENT, await target.RemoveDirectoryAsync($"{folder}/missing"));
        Assert.Equal(LinuxErrno.ENOENT, await target.RenameAsync($"{folder}/missing", $"{folder}/other", noReplace: false));
        Assert.Equal(LinuxErrno.ENOTDIR, (await target.StatAsync($"{folder}/taken/inside")).Error);
    }

    [Fact]
    public async Task Directories_list_their_entries_and_only_empty_ones_are_removed()
    {
        var (target, folder) = await StartAsync();
        Assert.Equal(LinuxErrno.None, await target.MakeDirectoryAsync($"{folder}/d"));
        Assert.Equal(LinuxErrno.None, await target.WriteAsync($"{folder}/d/a.txt", [1, 2]));
        Assert.Equal(LinuxErrno.None, await target.MakeDirectoryAsync($"{folder}/d/sub"));

        Assert.Equal((LinuxErrno.None, "a.txt|sub"), await ListAsync(target, $"{folder}/d"));
        Assert.Equal((LinuxErrno.None, new FileStatus(true, (await target.StatAsync($"{folder}/d")).Status.Size)), await target.StatAsync($"{folder}/d"));
        Assert.Equal(LinuxErrno.ENOTEMPTY, await target.RemoveDirectoryAsync($"{folder}/d"));
        Assert.Equal(LinuxErrno.EISDIR, await target.UnlinkAsync($"{folder}/d/sub"));
        Assert.Equal(LinuxErrno.ENOTDIR, await target.RemoveDirectoryAsync($"{folder}/d/a.txt"));

        Assert.Equal(LinuxErrno.None, await target.RemoveDirectoryAsync($"{folder}/d/sub"));
        Assert.Equal(LinuxErrno.None, await target.UnlinkAsync($"{folder}/d/a.txt"));
        Assert.Equal(LinuxErrno.None, await target.RemoveDirectoryAsync($"{folder}/d"));
        Assert.Equal((LinuxErrno.None, string.Empty), await ListAsync(target, folder));
    }

    [Fact]
    public async Task Renames_move_within_and_across_folders_and_replace_unless_told_not_to()
    {
        var (target, folder) = await StartAsync();
        await target.MakeDirectoryAsync($"{folder}/to");
        await target.WriteAsync($"{folder}/a", "first"u8.ToArray());
        await target.WriteAsync($"{folder}/kept", "kept"u8.ToArray());

        Assert.Equal(LinuxErrno.None, await target.RenameAsync($"{folder}/a", $"{folder}/b", noReplace: false));
        Assert.Equal(LinuxErrno.None, await target.RenameAsync($"{folder}/b", $"{folder}/to/c", noReplace: false));
        Assert.Equal(LinuxErrno.EEXIST, await target.RenameAsync($"{folder}/to/c", $"{folder}/kept", noReplace: true));
        Assert.Equal(LinuxErrno.None, await target.RenameAsync($"{folder}/kept", $"{folder}/to/c", noReplace: false));

        Assert.Equal((LinuxErrno.None, "to"), await ListAsync(target, folder));
        Assert.Equal((LinuxErrno.None, "c"), await ListAsync(target, $"{folder}/to"));
        Assert.Equal("kept"u8.ToArray(), (await target.ReadAsync($"{folder}/to/c")).Content);
    }

    [Fact]
    public async Task A_whole_file_copied_as_cp_does_has_the_same_bytes()
    {
        var (target, folder) = await StartAsync();
        var content = new byte[300_000];
        new Random(3).NextBytes(content);
        await target.WriteAsync($"{folder}/source.bin", content);

        var (error, copied) = await target.CopyAsync($"{folder}/source.bin", $"{folder}/copy.bin");

        Assert.Equal((LinuxErrno.None, content.Length), (error, (int)copied));
        Assert.Equal(content, (await target.ReadAsync($"{folder}/copy.bin")).Content);
        Assert.Equal(LinuxErrno.EEXIST, (await target.CopyAsync($"{folder}/source.bin", $"{folder}/copy.bin")).Error);
    }

    [Fact]
    public async Task Seeking_for_data_and_holes_finds_the_whole_file_data()
    {
        var (target, folder) = await StartAsync();
        await target.WriteAsync($"{folder}/f", new byte[10_000]);

        Assert.Equal((LinuxErrno.None, 0L), await target.SeekAsync($"{folder}/f", 0, hole: false));
        Assert.Equal((LinuxErrno.None, 5000L), await target.SeekAsync($"{folder}/f", 5000, hole: false));
        Assert.Equal((LinuxErrno.None, 10_000L), await target.SeekAsync($"{folder}/f", 0, hole: true));
        Assert.Equal(LinuxErrno.ENXIO, (await target.SeekAsync($"{folder}/f", 10_000, hole: false)).Error);
    }

    [Fact]
    public async Task A_new_file_has_no_extended_attributes()
    {
        var (target, folder) = await StartAsync();
        await target.WriteAsync($"{folder}/f", [1]);

        var (error, names) = await target.ListAttributesAsync($"{folder}/f");
        Assert.Equal((LinuxErrno.None, 0), (error, names.Length));
        Assert.Equal(LinuxErrno.ENODATA, await target.GetAttributeAsync($"{folder}/f", "user.comment"));
    }

    [Fact]
    public async Task Access_answers_as_open_and_exec_would()
    {
        var (target, folder) = await StartAsync();
        await target.WriteAsync($"{folder}/f", [1]);

        Assert.Equal(LinuxErrno.None, await target.AccessAsync($"{folder}/f", Exists));
        Assert.Equal(LinuxErrno.None, await target.AccessAsync($"{folder}/f", CanRead | CanWrite));
        Assert.Equal(LinuxErrno.EACCES, await target.AccessAsync($"{folder}/f", CanExecute));
        Assert.Equal(LinuxErrno.None, await target.AccessAsync(folder, CanExecute));
        Assert.Equal(LinuxErrno.ENOENT, await target.AccessAsync($"{folder}/missing", Exists));
    }

    // The names in ordinal order, joined by '|', so a whole listing compares as one value.
    private static async Task<(LinuxErrno Error, string Names)> ListAsync(IFileSystemTarget target, string path)
    {
        var (error, names) = await target.ListAsync(path);
        return (error, string.Join('|', names.Order(StringComparer.Ordinal)));
    }

    private async Task<(IFileSystemTarget Target, string Folder)> StartAsync([CallerMemberName] string check = "")
    {
        if (_fixture.Mounts)
        {
            FuseAvailability.RequireOrSkip();
        }

        var target = _fixture.Target ?? throw new InvalidOperationException("the suite's target did not start");
        Assert.Equal(LinuxErrno.None, await target.MakeDirectoryAsync(check));
        return (target, check);
    }
}
