using FsMount.Core.Vfs;
using FsMount.Fuse.Protocol;
using FsMount.Fuse.Tests.Support;

namespace FsMount.Fuse.Tests.Protocol.Codecs;

/// <summary>
/// Opcodes about nodes, from raw request bytes to raw reply bytes, at the offsets of linux/fuse.h:
/// LOOKUP, FORGET, BATCH_FORGET, GETATTR, SETATTR, STATX, ACCESS, STATFS, GET/LIST/SET/REMOVEXATTR.
/// </summary>
public sealed class NodeCodecTests
{
    private static readonly ulong s_seconds = (ulong)TestFileSystem.ModifiedTime.ToUnixTimeSeconds();

    [Fact]
    public async Task Lookup_takes_a_name_and_answers_an_entry_out()
    {
        var fileSystem = new TestFileSystem();
        var file = fileSystem.AddFile(1, "film.mkv", new byte[1000]);
        await using var harness = await FuseHarness.StartedAsync(fileSystem);

        var reply = await harness.CallAsync(FuseOpcode.Lookup, 1, new Wire(0).Name(0, "film.mkv").Bytes);

        Assert.Equal(OutHeader.Size + 128, reply.Bytes.Length);
        var entry = reply.Payload;
        Assert.Equal(file, Wire.ReadU64(entry, 0));          // nodeid
        Assert.Equal(0UL, Wire.ReadU64(entry, 8));           // generation
        Assert.Equal(1UL, Wire.ReadU64(entry, 16));          // entry_valid
        Assert.Equal(1UL, Wire.ReadU64(entry, 24));          // attr_valid
        AssertAttr(entry[40..], file, size: 1000, mode: 0x81A4, nlink: 1);
    }

    [Fact]
    public async Task Forget_and_batch_forget_take_their_counts_and_are_never_answered()
    {
        var fileSystem = new TestFileSystem();
        var first = fileSystem.AddFile(1, "a", []);
        var second = fileSystem.AddFile(1, "b", []);
        var harness = await FuseHarness.StartedAsync(fileSystem);
        for (var i = 0; i < 5; i++)
        {
            await harness.LookupAsync(1, "a");
            await harness.LookupAsync(1, "b");
        }

        var forget = harness.Send(FuseOpcode.Forget, first, new Wire(8).U64(0, 2).Bytes);
        var batch = harness.Send(FuseOpcode.BatchForget, 0, new Wire(8 + 32).U32(0, 2).U64(8, first).U64(16, 1).U64(24, second).U64(32, 4).Bytes);
        var destroy = await harness.CallAsync(FuseOpcode.Destroy, 0, []);

        // The session ends only once every handler has finished: any reply they made is in by then.
        await harness.Session.Completion.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(LinuxErrno.None, destroy.Error);
        Assert.Equal((2L, 1L), (fileSystem.LookupCount(first), fileSystem.LookupCount(second)));
        Assert.False(harness.Channel.HasReplyTo(forget));
        Assert.False(harness.Channel.HasReplyTo(batch));
    }

    [Fact]
    public async Task Getattr_answers_an_attr_out()
    {
        var fileSystem = new TestFileSystem();
        var folder = fileSystem.AddDirectory(1, "Films");
        await using var harness = await FuseHarness.StartedAsync(fileSystem);

        var reply = await harness.CallAsync(FuseOpcode.GetAttr, folder, new Wire(16).Bytes);

        Assert.Equal(OutHeader.Size + 104, reply.Bytes.Length);
        Assert.Equal(1UL, Wire.ReadU64(reply.Payload, 0));   // attr_valid
        Assert.Equal(0u, Wire.ReadU32(reply.Payload, 8));    // attr_valid_nsec
        AssertAttr(reply.Payload[16..], folder, size: 0, mode: 0x41ED, nlink: 2);
    }

    [Fact]
    public async Task Setattr_takes_its_fields_at_the_header_offsets()
    {
        var fileSystem = new TestFileSystem();
        var file = fileSystem.AddFile(1, "f", new byte[100]);
        await using var harness = await FuseHarness.StartedAsync(fileSystem);
        var body = new Wire(88)
            .U32(0, 0x1 | 0x8 | 0x10 | 0x20 | 0x40)   // valid: MODE | SIZE | ATIME | MTIME | FH
            .U64(8, 77)                               // fh
            .U64(16, 40)                              // size
            .U64(32, 1_000_000_000)                   // atime
            .U64(40, 1_700_000_000)                   // mtime
            .U32(56, 5)                               // atimensec
            .U32(60, 600)                             // mtimensec
            .U32(68, 0x81C0);                         // mode: S_IFREG | 0700

        var reply = await harness.CallAsync(FuseOpcode.SetAttr, file, body.Bytes);

        Assert.Equal(OutHeader.Size + 104, reply.Bytes.Length);
        var (changes, handle) = fileSystem.LastAttributeChanges!.Value;
        Assert.Equal(77UL, handle);
        Assert.Equal(40L, changes.Size);
        Assert.Equal(0x1C0u, changes.Permissions);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_000_000_000), changes.LastAccessTime);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000).AddTicks(6), changes.LastWriteTime);
        Assert.Equal(40UL, Wire.ReadU64(reply.Payload, 16 + 8));
    }

    [Fact]
    public async Task Statx_answers_a_statx_out_with_the_birth_time()
    {
        var fileSystem = new TestFileSystem();
        var file = fileSystem.AddFile(1, "f", new byte[1025]);
        await using var harness = await FuseHarness.StartedAsync(fileSystem);
        var body = new Wire(24).U32(0, 0).U64(8, 0).U32(16, 0).U32(20, 0xFFF);

        var reply = await harness.CallAsync(FuseOpcode.Statx, file, body.Bytes);

        Assert.Equal(OutHeader.Size + 288, reply.Bytes.Length);
        var payload = reply.Payload;
        Assert.Equal(1UL, Wire.ReadU64(payload, 0));            // attr_valid
        var stat = payload[32..];
        Assert.Equal(0xFFFu, Wire.ReadU32(stat, 0));             // mask: STATX_BASIC_STATS | STATX_BTIME
        Assert.Equal(1024u * 1024, Wire.ReadU32(stat, 4));       // blksize
        Assert.Equal(1u, Wire.ReadU32(stat, 16));                // nlink
        Assert.Equal(FuseHarness.OwnerUserId, Wire.ReadU32(stat, 20));
        Assert.Equal(FuseHarness.OwnerGroupId, Wire.ReadU32(stat, 24));
        Assert.Equal((ushort)0x81A4, Wire.ReadU16(stat, 28));    // mode
        Assert.Equal(file, Wire.ReadU64(stat, 32));              // ino
        Assert.Equal(1025UL, Wire.ReadU64(stat, 40));            // size
        Assert.Equal(3UL, Wire.ReadU64(stat, 48));               // blocks of 512
        foreach (var time in new[] { 64, 80, 96, 112 })         // atime, btime, ctime, mtime
        {
            Assert.Equal(s_seconds, Wire.ReadU64(stat, time));
            Assert.Equal(123_000_000u, Wire.ReadU32(stat, time + 8));
        }
    }

    [Theory]
    [InlineData(0u, AccessModes.None)]
    [InlineData(4u, AccessModes.Read)]
    [InlineData(2u, AccessModes.Write)]
    [InlineData(7u, AccessModes.Read | AccessModes.Write | AccessModes.Execute)]
    public async Task Access_takes_the_mode_bits_and_answers_the_core_verdict(uint mask, AccessModes expected)
    {
        var fileSystem = new TestFileSystem();
        var file = fileSystem.AddFile(1, "f", []);
        await using var harness = await FuseHarness.StartedAsync(fileSystem);

        var reply = await harness.CallAsync(FuseOpcode.Access, file, new Wire(8).U32(0, mask).Bytes);
        fileSystem.AccessError = Core.Errors.FsError.ReadOnly;
        var refused = await harness.CallAsync(FuseOpcode.Access, file, new Wire(8).U32(0, mask).Bytes);

        Assert.Equal(OutHeader.Size, reply.Bytes.Length);
        Assert.Equal(LinuxErrno.None, reply.Error);
        Assert.Equal(expected, fileSystem.LastAccessModes);
        Assert.Equal(LinuxErrno.EROFS, refused.Error);
    }

    [Fact]
    public async Task Statfs_answers_a_kstatfs()
    {
        var fileSystem = new TestFileSystem { TotalBytes = 100L * 4096, FreeBytes = 40L * 4096 };
        await using var harness = await FuseHarness.StartedAsync(fileSystem);

        var reply = await harness.CallAsync(FuseOpcode.StatFs, 1, []);

        Assert.Equal(OutHeader.Size + 80, reply.Bytes.Length);
        Assert.Equal(100UL, Wire.ReadU64(reply.Payload, 0));     // blocks
        Assert.Equal(40UL, Wire.ReadU64(reply.Payload, 8));      // bfree
        Assert.Equal(40UL, Wire.ReadU64(reply.Payload, 16));     // bavail
        Assert.Equal(4096u, Wire.ReadU32(reply.Payload, 40));    // bsize
        Assert.Equal(255u, Wire.ReadU32(reply.Payload, 44));     // namelen
        Assert.Equal(4096u, Wire.ReadU32(reply.Payload, 48));    // frsize
    }

    [Fact]
    public async Task Getxattr_answers_the_size_the_value_ERANGE_or_ENODATA()
    {
        var fileSystem = new TestFileSystem();
        var file = fileSystem.AddFile(1, "f", []);
        fileSystem.ExtendedAttributes[(file, "user.fichier.link")] = "https://1fichier.com/?abc"u8.ToArray();
        await using var harness = await FuseHarness.StartedAsync(fileSystem);
        Task<FuseReply> GetAsync(uint size, string name) => harness.CallAsync(FuseOpcode.GetXAttr, file, new Wire(8).U32(0, size).Name(8, name).Bytes);

        var size = await GetAsync(0, "user.fichier.link");
        var value = await GetAsync(100, "user.fichier.link");
        var tooSmall = await GetAsync(4, "user.fichier.link");
        var missing = await GetAsync(100, "user.other");

        Assert.Equal(OutHeader.Size + 8, size.Bytes.Length);
        Assert.Equal(25u, Wire.ReadU32(size.Payload, 0));
        Assert.Equal("https://1fichier.com/?abc"u8.ToArray(), value.Payload.ToArray());
        Assert.Equal(LinuxErrno.ERANGE, tooSmall.Error);
        Assert.Equal(LinuxErrno.ENODATA, missing.Error);
    }

    [Fact]
    public async Task Listxattr_answers_the_names_each_ended_by_a_nul()
    {
        var fileSystem = new TestFileSystem();
        var file = fileSystem.AddFile(1, "f", []);
        var bare = fileSystem.AddFile(1, "g", []);
        fileSystem.ExtendedAttributes[(file, "user.a")] = [1];
        fileSystem.ExtendedAttributes[(file, "user.bc")] = [2];
        await using var harness = await FuseHarness.StartedAsync(fileSystem);

        var size = await harness.CallAsync(FuseOpcode.ListXAttr, file, new Wire(8).U32(0, 0).Bytes);
        var names = await harness.CallAsync(FuseOpcode.ListXAttr, file, new Wire(8).U32(0, 64).Bytes);
        var none = await harness.CallAsync(FuseOpcode.ListXAttr, bare, new Wire(8).U32(0, 0).Bytes);

        Assert.Equal(15u, Wire.ReadU32(size.Payload, 0));
        Assert.Equal("user.a\0user.bc\0"u8.ToArray(), names.Payload.ToArray());
        Assert.Equal(0u, Wire.ReadU32(none.Payload, 0));
    }

    [Fact]
    public async Task Setxattr_takes_the_name_then_the_value_and_removexattr_the_name()
    {
        var fileSystem = new TestFileSystem();
        var file = fileSystem.AddFile(1, "f", []);
        await using var harness = await FuseHarness.StartedAsync(fileSystem);
        var set = new Wire(8).U32(0, 3).U32(4, 1).Name(8, "user.x");
        set.Append(8 + 7, [9, 8, 7]);

        var setReply = await harness.CallAsync(FuseOpcode.SetXAttr, file, set.Bytes);
        var stored = fileSystem.ExtendedAttributes[(file, "user.x")];
        var removed = await harness.CallAsync(FuseOpcode.RemoveXAttr, file, new Wire(0).Name(0, "user.x").Bytes);
        var again = await harness.CallAsync(FuseOpcode.RemoveXAttr, file, new Wire(0).Name(0, "user.x").Bytes);

        Assert.Equal(LinuxErrno.None, setReply.Error);
        Assert.Equal([9, 8, 7], stored);
        Assert.Equal(LinuxErrno.None, removed.Error);
        Assert.Equal(LinuxErrno.ENODATA, again.Error);
    }

    private static void AssertAttr(ReadOnlySpan<byte> attr, ulong ino, ulong size, uint mode, uint nlink)
    {
        Assert.Equal(ino, Wire.ReadU64(attr, 0));
        Assert.Equal(size, Wire.ReadU64(attr, 8));
        Assert.Equal((size + 511) / 512, Wire.ReadU64(attr, 16));
        Assert.Equal(s_seconds, Wire.ReadU64(attr, 24));         // atime
        Assert.Equal(s_seconds, Wire.ReadU64(attr, 32));         // mtime
        Assert.Equal(s_seconds, Wire.ReadU64(attr, 40));         // ctime
        Assert.Equal(123_000_000u, Wire.ReadU32(attr, 52));      // mtimensec
        Assert.Equal(mode, Wire.ReadU32(attr, 60));
        Assert.Equal(nlink, Wire.ReadU32(attr, 64));
        Assert.Equal(FuseHarness.OwnerUserId, Wire.ReadU32(attr, 68));
        Assert.Equal(FuseHarness.OwnerGroupId, Wire.ReadU32(attr, 72));
        Assert.Equal(1024u * 1024, Wire.ReadU32(attr, 80));      // blksize
    }
}
