using System.Text;
using FsMount.Core.Vfs;
using FsMount.Fuse.Protocol;
using FsMount.Fuse.Tests.Support;

namespace FsMount.Fuse.Tests.Protocol.Codecs;

/// <summary>
/// Opcodes about directories and names, from raw request bytes to raw reply bytes, at the offsets of
/// linux/fuse.h: OPENDIR, READDIR, READDIRPLUS, RELEASEDIR, FSYNCDIR, MKDIR, RMDIR, UNLINK, RENAME,
/// RENAME2, LINK, SYMLINK and READLINK.
/// </summary>
public sealed class DirectoryCodecTests
{
    [Fact]
    public async Task Readdir_answers_dirents_padded_to_8_bytes()
    {
        var fileSystem = new TestFileSystem();
        var folder = fileSystem.AddDirectory(1, "Films");
        var file = fileSystem.AddFile(folder, "a.mkv", []);
        await using var harness = await FuseHarness.StartedAsync(fileSystem);
        var handle = Wire.ReadU64((await harness.CallAsync(FuseOpcode.OpenDir, folder, new Wire(8).Bytes)).Payload, 0);

        var reply = await harness.CallAsync(FuseOpcode.ReadDir, folder, new Wire(40).U64(0, handle).U64(8, 2).U32(16, 4096).Bytes);

        // From cookie 2: only "a.mkv", a 24-byte header and 5 name bytes padded to 32.
        var record = reply.Payload;
        Assert.Equal(32, record.Length);
        Assert.Equal(file, Wire.ReadU64(record, 0));         // ino
        Assert.Equal(3UL, Wire.ReadU64(record, 8));          // off: the cookie of the next entry
        Assert.Equal(5u, Wire.ReadU32(record, 16));          // namelen
        Assert.Equal(8u, Wire.ReadU32(record, 20));          // type: DT_REG
        Assert.Equal("a.mkv", Encoding.UTF8.GetString(record.Slice(24, 5)));
        Assert.Equal([0, 0, 0], record[29..].ToArray());
    }

    [Fact]
    public async Task Readdirplus_answers_an_entry_out_before_each_dirent()
    {
        var fileSystem = new TestFileSystem();
        var folder = fileSystem.AddDirectory(1, "Films");
        var sub = fileSystem.AddDirectory(folder, "Extras");
        await using var harness = await FuseHarness.StartedAsync(fileSystem);
        var handle = Wire.ReadU64((await harness.CallAsync(FuseOpcode.OpenDir, folder, new Wire(8).Bytes)).Payload, 0);

        var reply = await harness.CallAsync(FuseOpcode.ReadDirPlus, folder, new Wire(40).U64(0, handle).U64(8, 2).U32(16, 4096).Bytes);
        var released = await harness.CallAsync(FuseOpcode.ReleaseDir, folder, new Wire(24).U64(0, handle).Bytes);

        var record = reply.Payload;
        Assert.Equal(160, record.Length);                    // 128 + 24 + 6, padded
        Assert.Equal(sub, Wire.ReadU64(record, 0));          // entry_out.nodeid
        Assert.Equal(0x41EDu, Wire.ReadU32(record, 40 + 60)); // entry_out.attr.mode
        Assert.Equal(sub, Wire.ReadU64(record, 128));        // dirent.ino
        Assert.Equal(6u, Wire.ReadU32(record, 128 + 16));
        Assert.Equal(4u, Wire.ReadU32(record, 128 + 20));    // DT_DIR
        Assert.Equal(1, fileSystem.LookupCount(sub));
        Assert.Equal(LinuxErrno.None, released.Error);
        Assert.Equal(0, fileSystem.OpenDirectoryCount);
    }

    [Fact]
    public async Task Fsyncdir_is_answered_empty()
    {
        await using var harness = await FuseHarness.StartedAsync(new TestFileSystem());

        var reply = await harness.CallAsync(FuseOpcode.FsyncDir, 1, new Wire(16).U64(0, 1).Bytes);

        Assert.Equal(OutHeader.Size, reply.Bytes.Length);
        Assert.Equal(LinuxErrno.None, reply.Error);
    }

    [Fact]
    public async Task Mkdir_takes_mkdir_in_and_a_name_rmdir_and_unlink_a_name()
    {
        var fileSystem = new TestFileSystem();
        fileSystem.AddFile(1, "old.txt", []);
        await using var harness = await FuseHarness.StartedAsync(fileSystem);

        var mkdir = await harness.CallAsync(FuseOpcode.MkDir, 1, new Wire(8).U32(0, 0x1C0).U32(4, 0x12).Name(8, "Séries").Bytes);
        var created = fileSystem.Find(1, "Séries");
        var rmdir = await harness.CallAsync(FuseOpcode.RmDir, 1, new Wire(0).Name(0, "Séries").Bytes);
        var unlink = await harness.CallAsync(FuseOpcode.Unlink, 1, new Wire(0).Name(0, "old.txt").Bytes);

        Assert.Equal(OutHeader.Size + 128, mkdir.Bytes.Length);
        Assert.Equal(created, Wire.ReadU64(mkdir.Payload, 0));
        Assert.Equal(0x41C0u, Wire.ReadU32(mkdir.Payload, 40 + 60));
        Assert.Equal((LinuxErrno.None, LinuxErrno.None), (rmdir.Error, unlink.Error));
        Assert.Null(fileSystem.Find(1, "Séries"));
        Assert.Null(fileSystem.Find(1, "old.txt"));
    }

    [Fact]
    public async Task Rename_takes_the_new_directory_then_two_names_and_rename2_its_flags_too()
    {
        var fileSystem = new TestFileSystem();
        var folder = fileSystem.AddDirectory(1, "to");
        fileSystem.AddFile(1, "a", []);
        await using var harness = await FuseHarness.StartedAsync(fileSystem);

        var rename = await harness.CallAsync(FuseOpcode.Rename, 1, new Wire(8).U64(0, folder).Name(8, "a").Name(10, "b").Bytes);
        var rename2 = await harness.CallAsync(FuseOpcode.Rename2, folder, new Wire(16).U64(0, 1).U32(8, 1).Name(16, "b").Name(18, "c").Bytes);

        Assert.Equal((LinuxErrno.None, LinuxErrno.None), (rename.Error, rename2.Error));
        Assert.NotNull(fileSystem.Find(1, "c"));
        Assert.Equal(RenameOptions.NoReplace, fileSystem.LastRenameOptions);
    }

    [Theory]
    [InlineData(13u, 1)]  // LINK: EPERM
    [InlineData(6u, 1)]   // SYMLINK: EPERM
    [InlineData(5u, 22)]  // READLINK: EINVAL
    public async Task Links_are_refused_and_readlink_is_EINVAL(uint opcode, int expected)
    {
        await using var harness = await FuseHarness.StartedAsync(new TestFileSystem());

        var reply = await harness.CallAsync(opcode, 1, new Wire(8).U64(0, 1).Name(8, "link").Name(13, "target").Bytes);

        Assert.Equal(expected, (int)reply.Error);
        Assert.Equal(OutHeader.Size, reply.Bytes.Length);
    }
}
