using FsMount.Core.Errors;
using FsMount.Core.Vfs;
using FsMount.Fuse.Protocol;
using FsMount.Fuse.Tests.Support;

namespace FsMount.Fuse.Tests.Bridge;

/// <summary>The changing opcodes: decoded from the kernel's bytes, handed to the core, encoded back.</summary>
public sealed class CoreBridgeWriteTests
{
    [Theory]
    [InlineData(0x0u, FileAccessMode.Read, false, false)]
    [InlineData(0x1u, FileAccessMode.Write, false, false)]
    [InlineData(0x2u, FileAccessMode.ReadWrite, false, false)]
    [InlineData(0x201u, FileAccessMode.Write, true, false)]      // O_WRONLY | O_TRUNC
    [InlineData(0x402u, FileAccessMode.ReadWrite, false, true)]  // O_RDWR | O_APPEND
    [InlineData(0x8001u, FileAccessMode.Write, false, false)]    // O_LARGEFILE is ignored
    public async Task Open_hands_the_access_mode_truncate_and_append_to_the_core(uint flags, FileAccessMode access, bool truncate, bool append)
    {
        var fileSystem = new TestFileSystem();
        var file = fileSystem.AddFile(1, "f", [1, 2, 3]);
        await using var harness = await FuseHarness.StartedAsync(fileSystem);

        var reply = await harness.CallAsync(FuseOpcode.Open, file, FuseMessages.Body(new OpenIn { Flags = flags }));

        Assert.Equal(LinuxErrno.None, reply.Error);
        Assert.Equal(new OpenOptions(access, truncate, append), fileSystem.LastOpenOptions);
    }

    [Fact]
    public async Task Create_replies_an_entry_and_a_handle_then_write_and_read_round_trip()
    {
        var fileSystem = new TestFileSystem();
        await using var harness = await FuseHarness.StartedAsync(fileSystem);

        var create = new CreateIn { Flags = OpenIn.ReadWrite | OpenIn.Exclusive, Mode = 0x8180 }; // S_IFREG | 0600
        var reply = await harness.CallAsync(FuseOpcode.Create, 1, FuseMessages.Concat(FuseMessages.Body(create), FuseMessages.Name("new file.txt")));

        Assert.Equal(LinuxErrno.None, reply.Error);
        Assert.Equal(OutHeader.Size + CreateOut.Size, reply.Bytes.Length);
        var created = reply.Read<CreateOut>();
        var node = fileSystem.Find(1, "new file.txt")!.Value;
        Assert.Equal(node, created.Entry.NodeId);
        Assert.Equal(0x8180u, created.Entry.Attr.Mode);
        Assert.Equal(1, fileSystem.LookupCount(node));

        var data = "hello, disk"u8.ToArray();
        var write = new WriteIn { Handle = created.Open.Handle, Offset = 0, Size = (uint)data.Length };
        var written = await harness.CallAsync(FuseOpcode.Write, node, FuseMessages.Concat(FuseMessages.Body(write), data));
        Assert.Equal((uint)data.Length, written.Read<WriteOut>().Size);
        Assert.Equal(data, (await harness.ReadAsync(FuseOpcode.Read, node, created.Open.Handle, 0, 4096)).Payload.ToArray());
        Assert.Equal(data, fileSystem.ContentOf(node));

        var again = await harness.CallAsync(FuseOpcode.Create, 1, FuseMessages.Concat(FuseMessages.Body(create), FuseMessages.Name("new file.txt")));
        Assert.Equal(LinuxErrno.EEXIST, again.Error);
    }

    [Fact]
    public async Task Flush_and_fsync_reach_the_core_and_their_errors_reach_close()
    {
        var fileSystem = new TestFileSystem();
        var file = fileSystem.AddFile(1, "f", []);
        await using var harness = await FuseHarness.StartedAsync(fileSystem);
        var handle = (await harness.CallAsync(FuseOpcode.Open, file, FuseMessages.Body(new OpenIn { Flags = OpenIn.WriteOnly }))).Read<OpenOut>().Handle;

        Assert.Equal(LinuxErrno.None, (await harness.CallAsync(FuseOpcode.Fsync, file, FuseMessages.Body(new FsyncIn { Handle = handle }))).Error);
        Assert.Equal(LinuxErrno.None, (await harness.CallAsync(FuseOpcode.Flush, file, FuseMessages.Body(new FlushIn { Handle = handle }))).Error);
        Assert.Equal(LinuxErrno.EBADF, (await harness.CallAsync(FuseOpcode.Flush, file, FuseMessages.Body(new FlushIn { Handle = handle + 100 }))).Error);
        Assert.Equal((2, 1), (fileSystem.Flushes, fileSystem.Syncs));
    }

    [Fact]
    public async Task Setattr_decodes_size_times_mode_and_handle_and_ignores_owners()
    {
        var fileSystem = new TestFileSystem();
        var file = fileSystem.AddFile(1, "f", new byte[100]);
        await using var harness = await FuseHarness.StartedAsync(fileSystem);

        var setAttributes = new SetAttrIn
        {
            Valid = SetAttrIn.ValidSize | SetAttrIn.ValidMTime | SetAttrIn.ValidATimeNow | SetAttrIn.ValidMode | SetAttrIn.ValidHandle | SetAttrIn.ValidUid | SetAttrIn.ValidGid,
            Size = 40,
            MTime = 1_700_000_000,
            MTimeNsec = 250_000_000,
            Mode = 0x81ED, // S_IFREG | 0755
            Handle = 77,
            Uid = 4242,
            Gid = 4343,
        };
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var reply = await harness.CallAsync(FuseOpcode.SetAttr, file, FuseMessages.Body(setAttributes));

        Assert.Equal(LinuxErrno.None, reply.Error);
        Assert.Equal(40UL, reply.Read<AttrOut>().Attr.Size);
        var (changes, handle) = fileSystem.LastAttributeChanges!.Value;
        Assert.Equal(40, changes.Size);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000).AddMilliseconds(250), changes.LastWriteTime);
        Assert.InRange(changes.LastAccessTime!.Value, before, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(0x1EDu, changes.Permissions);
        Assert.Equal(77UL, handle);
    }

    [Fact]
    public async Task Mkdir_rmdir_and_unlink_decode_their_names()
    {
        var fileSystem = new TestFileSystem();
        fileSystem.AddFile(1, "old.txt", []);
        fileSystem.AddFile(1, "kept.txt", []);
        await using var harness = await FuseHarness.StartedAsync(fileSystem);

        var mkdir = await harness.CallAsync(FuseOpcode.MkDir, 1, FuseMessages.Concat(FuseMessages.Body(new MkDirIn { Mode = 0x1C0 }), FuseMessages.Name("Saison 1")));
        Assert.Equal(LinuxErrno.None, mkdir.Error);
        var folder = mkdir.Read<EntryOut>();
        Assert.Equal(0x41C0u, folder.Attr.Mode);
        Assert.Equal(1, fileSystem.LookupCount(folder.NodeId));

        Assert.Equal(LinuxErrno.None, (await harness.CallAsync(FuseOpcode.Unlink, 1, FuseMessages.Name("old.txt"))).Error);
        Assert.Null(fileSystem.Find(1, "old.txt"));
        Assert.Equal(LinuxErrno.ENOENT, (await harness.CallAsync(FuseOpcode.Unlink, 1, FuseMessages.Name("old.txt"))).Error);
        Assert.Equal(LinuxErrno.None, (await harness.CallAsync(FuseOpcode.RmDir, 1, FuseMessages.Name("Saison 1"))).Error);
        Assert.Null(fileSystem.Find(1, "Saison 1"));
        Assert.Equal(LinuxErrno.ENOTDIR, (await harness.CallAsync(FuseOpcode.RmDir, 1, FuseMessages.Name("kept.txt"))).Error);
    }

    [Theory]
    [InlineData(0u, RenameOptions.NoReplace)]
    [InlineData(2u, RenameOptions.Exchange)]
    public async Task Rename2_hands_its_flags_to_the_core(uint extraFlags, RenameOptions expected)
    {
        var fileSystem = new TestFileSystem();
        fileSystem.AddFile(1, "a", []);
        var folder = fileSystem.AddDirectory(1, "d");
        await using var harness = await FuseHarness.StartedAsync(fileSystem);

        var rename = new Rename2In { NewDirectory = folder, Flags = Rename2In.NoReplace | extraFlags };
        await harness.CallAsync(FuseOpcode.Rename2, 1, FuseMessages.Concat(FuseMessages.Body(rename), FuseMessages.Name("a"), FuseMessages.Name("b")));

        Assert.Equal(expected, fileSystem.LastRenameOptions);
    }

    [Fact]
    public async Task Rename_moves_across_directories_by_name()
    {
        var fileSystem = new TestFileSystem();
        var file = fileSystem.AddFile(1, "draft.txt", []);
        var folder = fileSystem.AddDirectory(1, "final");
        await using var harness = await FuseHarness.StartedAsync(fileSystem);

        var reply = await harness.CallAsync(FuseOpcode.Rename, 1, FuseMessages.Concat(FuseMessages.Body(new RenameIn { NewDirectory = folder }), FuseMessages.Name("draft.txt"), FuseMessages.Name("report é.txt")));

        Assert.Equal(LinuxErrno.None, reply.Error);
        Assert.Equal(RenameOptions.Replace, fileSystem.LastRenameOptions);
        Assert.Equal(file, fileSystem.Find(folder, "report é.txt"));
    }

    [Fact]
    public async Task Mknod_makes_regular_files_and_refuses_the_rest()
    {
        var fileSystem = new TestFileSystem();
        await using var harness = await FuseHarness.StartedAsync(fileSystem);

        var regular = await harness.CallAsync(FuseOpcode.MkNod, 1, FuseMessages.Concat(FuseMessages.Body(new MkNodIn { Mode = 0x81A4 }), FuseMessages.Name("empty")));
        var fifo = await harness.CallAsync(FuseOpcode.MkNod, 1, FuseMessages.Concat(FuseMessages.Body(new MkNodIn { Mode = 0x11A4 }), FuseMessages.Name("pipe")));

        Assert.Equal(LinuxErrno.None, regular.Error);
        Assert.NotNull(fileSystem.Find(1, "empty"));
        Assert.Equal(LinuxErrno.EPERM, fifo.Error);
        Assert.Null(fileSystem.Find(1, "pipe"));
    }

    [Theory]
    [InlineData((uint)FuseOpcode.Link)]
    [InlineData((uint)FuseOpcode.Symlink)]
    public async Task Links_are_refused_with_EPERM_never_ENOSYS(uint opcode)
    {
        await using var harness = await FuseHarness.StartedAsync(new TestFileSystem());

        Assert.Equal(LinuxErrno.EPERM, (await harness.CallAsync(opcode, 1, new byte[32])).Error);
    }

    [Fact]
    public async Task Fallocate_takes_plain_allocation_only()
    {
        var fileSystem = new TestFileSystem();
        var file = fileSystem.AddFile(1, "f", []);
        await using var harness = await FuseHarness.StartedAsync(fileSystem);
        var handle = (await harness.CallAsync(FuseOpcode.Open, file, FuseMessages.Body(new OpenIn { Flags = OpenIn.ReadWrite }))).Read<OpenOut>().Handle;

        var plain = await harness.CallAsync(FuseOpcode.Fallocate, file, FuseMessages.Body(new FallocateIn { Handle = handle, Length = 4096 }));
        var punch = await harness.CallAsync(FuseOpcode.Fallocate, file, FuseMessages.Body(new FallocateIn { Handle = handle, Length = 4096, Mode = 3 }));

        Assert.Equal(LinuxErrno.None, plain.Error);
        Assert.Equal(LinuxErrno.ENOTSUP, punch.Error);
    }

    [Fact]
    public async Task A_core_that_refuses_changes_is_answered_with_its_error_for_every_changing_opcode()
    {
        var fileSystem = new TestFileSystem { ChangeError = FsError.ReadOnly };
        var file = fileSystem.AddFile(1, "f", []);
        await using var harness = await FuseHarness.StartedAsync(fileSystem);

        var replies = new[]
        {
            await harness.CallAsync(FuseOpcode.Open, file, FuseMessages.Body(new OpenIn { Flags = OpenIn.WriteOnly })),
            await harness.CallAsync(FuseOpcode.Create, 1, FuseMessages.Concat(FuseMessages.Body(new CreateIn { Flags = OpenIn.WriteOnly }), FuseMessages.Name("n"))),
            await harness.CallAsync(FuseOpcode.MkDir, 1, FuseMessages.Concat(FuseMessages.Body(new MkDirIn()), FuseMessages.Name("d"))),
            await harness.CallAsync(FuseOpcode.Unlink, 1, FuseMessages.Name("f")),
            await harness.CallAsync(FuseOpcode.Rename, 1, FuseMessages.Concat(FuseMessages.Body(new RenameIn { NewDirectory = 1 }), FuseMessages.Name("f"), FuseMessages.Name("g"))),
            await harness.CallAsync(FuseOpcode.SetAttr, file, FuseMessages.Body(new SetAttrIn { Valid = SetAttrIn.ValidSize })),
        };

        Assert.All(replies, reply => Assert.Equal(LinuxErrno.EROFS, reply.Error));
        Assert.Equal(0, fileSystem.OpenHandleCount);
    }
}
