using FsMount.Core.Errors;
using FsMount.Core.Vfs;
using FsMount.Fuse.Protocol;
using FsMount.Fuse.Tests.Support;

namespace FsMount.Fuse.Tests.Bridge;

public sealed class CoreBridgeTests
{
    [Fact]
    public async Task Lookup_replies_an_entry_and_forget_returns_the_references()
    {
        var fileSystem = new TestFileSystem();
        var file = fileSystem.AddFile(1, "film.mkv", new byte[1000]);
        await using var harness = FuseHarness.Start(fileSystem, new FuseMountOptions { EntryTimeout = TimeSpan.FromSeconds(2.5), AttributeTimeout = TimeSpan.FromSeconds(1) });
        await harness.InitializeAsync();

        var first = await harness.LookupAsync(1, "film.mkv");
        await harness.LookupAsync(1, "film.mkv");

        var entry = first.Read<EntryOut>();
        Assert.Equal(file, entry.NodeId);
        Assert.Equal((2UL, 500_000_000U), (entry.EntryValid, entry.EntryValidNsec));
        Assert.Equal((1UL, 0U), (entry.AttrValid, entry.AttrValidNsec));
        Assert.Equal(file, entry.Attr.Ino);
        Assert.Equal(1000UL, entry.Attr.Size);
        Assert.Equal(2UL, entry.Attr.Blocks);
        Assert.Equal(0x81A4u, entry.Attr.Mode);
        Assert.Equal(1u, entry.Attr.NLink);
        Assert.Equal((FuseHarness.OwnerUserId, FuseHarness.OwnerGroupId), (entry.Attr.Uid, entry.Attr.Gid));
        Assert.Equal((ulong)TestFileSystem.ModifiedTime.ToUnixTimeSeconds(), entry.Attr.MTime);
        Assert.Equal(123_000_000u, entry.Attr.MTimeNsec);
        Assert.Equal(entry.Attr.MTime, entry.Attr.CTime);
        Assert.Equal(2, fileSystem.LookupCount(file));

        harness.Send(FuseOpcode.Forget, file, FuseMessages.Body(new ForgetIn { LookupCount = 2 }));
        Assert.True(SpinWait.SpinUntil(() => fileSystem.LookupCount(file) == 0, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Lookup_of_a_missing_name_is_a_negative_entry_the_kernel_remembers_for_its_timeout()
    {
        var fileSystem = new TestFileSystem();
        await using var harness = FuseHarness.Start(fileSystem, new FuseMountOptions { NegativeEntryTimeout = TimeSpan.FromSeconds(10) });
        await harness.InitializeAsync();

        var missing = await harness.LookupAsync(1, "subtitles.srt");

        Assert.Equal(LinuxErrno.None, missing.Error);
        var entry = missing.Read<EntryOut>();
        Assert.Equal((0UL, 10UL, 0UL), (entry.NodeId, entry.EntryValid, entry.AttrValid));
    }

    [Fact]
    public async Task Lookup_of_a_missing_name_is_ENOENT_when_misses_are_not_remembered()
    {
        await using var harness = FuseHarness.Start(new TestFileSystem(), new FuseMountOptions { NegativeEntryTimeout = TimeSpan.Zero });
        await harness.InitializeAsync();

        var missing = await harness.LookupAsync(1, "subtitles.srt");

        Assert.Equal(LinuxErrno.ENOENT, missing.Error);
    }

    [Theory]
    [InlineData(false, 0u)]
    [InlineData(true, OpenOut.KeepCache)]
    public async Task Open_tells_the_kernel_to_keep_its_pages_when_the_core_says_the_content_is_unchanged(bool keep, uint flags)
    {
        var fileSystem = new TestFileSystem { KeepCache = keep };
        var file = fileSystem.AddFile(1, "f", new byte[10]);
        await using var harness = FuseHarness.Start(fileSystem);
        await harness.InitializeAsync();

        var reply = await harness.CallAsync(FuseOpcode.Open, file, FuseMessages.Body(new OpenIn { Flags = OpenIn.ReadOnly }));

        Assert.Equal(flags, reply.Read<OpenOut>().OpenFlags);
    }

    [Fact]
    public async Task A_lookup_reply_the_kernel_no_longer_wants_gives_its_reference_back()
    {
        var fileSystem = new TestFileSystem();
        var file = fileSystem.AddFile(1, "f", []);
        await using var harness = FuseHarness.Start(fileSystem);
        await harness.InitializeAsync();
        harness.Channel.RejectReplies = true;

        await harness.LookupAsync(1, "f");

        Assert.True(SpinWait.SpinUntil(() => fileSystem.LookupCount(file) == 0, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Getattr_describes_directories_as_0755_with_two_links()
    {
        var fileSystem = new TestFileSystem();
        await using var harness = FuseHarness.Start(fileSystem);
        await harness.InitializeAsync();

        var reply = await harness.CallAsync(FuseOpcode.GetAttr, 1, new byte[16]);

        var attr = reply.Read<AttrOut>().Attr;
        Assert.Equal(1UL, attr.Ino);
        Assert.Equal(0x41EDu, attr.Mode);
        Assert.Equal(2u, attr.NLink);
        Assert.Equal(1024u * 1024, attr.BlockSize);
    }

    [Fact]
    public async Task Readdir_pages_through_the_snapshot_with_stable_cookies()
    {
        var fileSystem = new TestFileSystem();
        var expected = new List<string> { ".", ".." };
        for (var i = 0; i < 40; i++)
        {
            var name = $"episode-{i:D2}-{new string('x', i % 9)}.mkv";
            fileSystem.AddFile(1, name, []);
            expected.Add(name);
        }

        await using var harness = FuseHarness.Start(fileSystem);
        await harness.InitializeAsync();
        var handle = await harness.OpenAsync(FuseOpcode.OpenDir, 1);

        // Added after OPENDIR: not part of this listing.
        fileSystem.AddFile(1, "late.mkv", []);
        var names = new List<string>();
        ulong offset = 0;
        var pages = 0;
        while (true)
        {
            var reply = await harness.ReadAsync(FuseOpcode.ReadDir, 1, handle, offset, 200);
            Assert.Equal(LinuxErrno.None, reply.Error);
            Assert.True(reply.Payload.Length <= 200);
            Assert.Equal(0, reply.Payload.Length % 8);
            var records = FuseMessages.ParseDirents(reply.Payload, plus: false);
            if (records.Count == 0)
            {
                break;
            }

            pages++;
            names.AddRange(records.Select(record => record.Name));
            offset = records[^1].NextCookie;
        }

        Assert.True(pages > 5);
        Assert.Equal(expected, names);
        var again = FuseMessages.ParseDirents((await harness.ReadAsync(FuseOpcode.ReadDir, 1, handle, 5, 4096)).Payload, plus: false);
        Assert.Equal(expected[5], again[0].Name);
        Assert.Equal(6UL, again[0].NextCookie);
        Assert.Equal(DirentWriter.TypeRegular, again[0].Type);
        Assert.Equal(DirentWriter.TypeDirectory, FuseMessages.ParseDirents((await harness.ReadAsync(FuseOpcode.ReadDir, 1, handle, 0, 4096)).Payload, plus: false)[0].Type);

        Assert.Equal(LinuxErrno.None, (await harness.CallAsync(FuseOpcode.ReleaseDir, 1, FuseMessages.Body(new ReleaseIn { Handle = handle }))).Error);
        Assert.Equal(LinuxErrno.EBADF, (await harness.ReadAsync(FuseOpcode.ReadDir, 1, handle, 0, 4096)).Error);
    }

    [Fact]
    public async Task Readdirplus_carries_entries_and_adds_one_reference_per_name()
    {
        var fileSystem = new TestFileSystem();
        var folder = fileSystem.AddDirectory(1, "Films");
        var files = Enumerable.Range(0, 5).Select(i => fileSystem.AddFile(folder, $"film-{i}.mkv", new byte[i * 700])).ToList();
        await using var harness = FuseHarness.Start(fileSystem);
        await harness.InitializeAsync();
        var handle = await harness.OpenAsync(FuseOpcode.OpenDir, folder);

        // Room for "." and ".." (160 bytes each) and two films (168 bytes each).
        var first = FuseMessages.ParseDirents((await harness.ReadAsync(FuseOpcode.ReadDirPlus, folder, handle, 0, 700)).Payload, plus: true);
        var rest = FuseMessages.ParseDirents((await harness.ReadAsync(FuseOpcode.ReadDirPlus, folder, handle, first[^1].NextCookie, 4096)).Payload, plus: true);

        Assert.Equal([".", "..", "film-0.mkv", "film-1.mkv"], first.Select(record => record.Name));
        Assert.Equal(["film-2.mkv", "film-3.mkv", "film-4.mkv"], rest.Select(record => record.Name));
        Assert.Equal(0UL, first[0].Entry!.Value.NodeId);
        Assert.Equal(folder, first[0].Ino);
        var film3 = rest[1].Entry!.Value;
        Assert.Equal(files[3], film3.NodeId);
        Assert.Equal(2100UL, film3.Attr.Size);
        Assert.All(files, file => Assert.Equal(1, fileSystem.LookupCount(file)));
        Assert.Equal(0, fileSystem.LookupCount(folder));
    }

    [Fact]
    public async Task Reads_are_short_only_at_the_end_of_the_file()
    {
        var fileSystem = new TestFileSystem();
        var file = fileSystem.AddFile(1, "ten", "0123456789"u8.ToArray());
        await using var harness = FuseHarness.Start(fileSystem);
        await harness.InitializeAsync();
        var handle = await harness.OpenAsync(FuseOpcode.Open, file);

        Assert.Equal("2345"u8.ToArray(), (await harness.ReadAsync(FuseOpcode.Read, file, handle, 2, 4)).Payload.ToArray());
        Assert.Equal("456789"u8.ToArray(), (await harness.ReadAsync(FuseOpcode.Read, file, handle, 4, 4096)).Payload.ToArray());
        var beyond = await harness.ReadAsync(FuseOpcode.Read, file, handle, 50, 4096);
        Assert.Equal(LinuxErrno.None, beyond.Error);
        Assert.Equal(0, beyond.Payload.Length);

        Assert.Equal(LinuxErrno.None, (await harness.CallAsync(FuseOpcode.Flush, file, FuseMessages.Body(new FlushIn { Handle = handle }))).Error);
        Assert.Equal(LinuxErrno.None, (await harness.CallAsync(FuseOpcode.Release, file, FuseMessages.Body(new ReleaseIn { Handle = handle }))).Error);
        Assert.Equal(0, fileSystem.OpenHandleCount);
    }

    [Fact]
    public async Task Statfs_reports_the_account_in_4_KiB_blocks()
    {
        var fileSystem = new TestFileSystem { TotalBytes = 100L * 4096 + 100, FreeBytes = 40L * 4096 };
        await using var harness = FuseHarness.Start(fileSystem);
        await harness.InitializeAsync();

        var statfs = (await harness.CallAsync(FuseOpcode.StatFs, 1, [])).Read<StatFsOut>();

        Assert.Equal((100UL, 40UL, 40UL), (statfs.Blocks, statfs.FreeBlocks, statfs.AvailableBlocks));
        Assert.Equal((4096u, 4096u, 255u), (statfs.BlockSize, statfs.FragmentSize, statfs.NameLength));
    }

    [Fact]
    public async Task Core_exceptions_become_their_errno_and_unknown_ones_EIO()
    {
        var fileSystem = new TestFileSystem();
        var file = fileSystem.AddFile(1, "f", new byte[10]);
        await using var harness = FuseHarness.Start(fileSystem);
        await harness.InitializeAsync();
        var handle = await harness.OpenAsync(FuseOpcode.Open, file);

        fileSystem.ReadException = new FsException(FsError.NoSpace, "quota");
        Assert.Equal(LinuxErrno.ENOSPC, (await harness.ReadAsync(FuseOpcode.Read, file, handle, 0, 10)).Error);
        fileSystem.ReadException = new InvalidOperationException("bug");
        Assert.Equal(LinuxErrno.EIO, (await harness.ReadAsync(FuseOpcode.Read, file, handle, 0, 10)).Error);
    }
}
