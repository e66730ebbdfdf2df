using FsMount.Core.Errors;
using FsMount.Core.Vfs;
using FsMount.Fuse.Protocol;
using FsMount.Fuse.Tests.Support;

namespace FsMount.Fuse.Tests.Protocol.Codecs;

/// <summary>
/// Opcodes about open files, from raw request bytes to raw reply bytes, at the offsets of
/// linux/fuse.h: OPEN, CREATE, MKNOD, READ, WRITE, FLUSH, FSYNC, RELEASE, FALLOCATE, LSEEK, POLL,
/// IOCTL, COPY_FILE_RANGE and COPY_FILE_RANGE_64.
/// </summary>
public sealed class FileCodecTests
{
    [Fact]
    public async Task Open_takes_open_flags_and_answers_an_open_out()
    {
        var fileSystem = new TestFileSystem();
        var file = fileSystem.AddFile(1, "f", [1, 2, 3]);
        await using var harness = await FuseHarness.StartedAsync(fileSystem);

        var reply = await harness.CallAsync(FuseOpcode.Open, file, new Wire(8).U32(0, 0x8402).Bytes); // O_LARGEFILE | O_APPEND | O_RDWR

        Assert.Equal(OutHeader.Size + 16, reply.Bytes.Length);
        Assert.Equal(new OpenOptions(FileAccessMode.ReadWrite, Truncate: false, Append: true), fileSystem.LastOpenOptions);
        Assert.NotEqual(0UL, Wire.ReadU64(reply.Payload, 0));      // fh
        Assert.Equal(0u, Wire.ReadU32(reply.Payload, 8));          // open_flags: page cache kept per the kernel's rules
    }

    [Fact]
    public async Task Create_takes_create_in_and_a_name_and_answers_an_entry_then_an_open_out()
    {
        var fileSystem = new TestFileSystem();
        await using var harness = await FuseHarness.StartedAsync(fileSystem);
        var body = new Wire(16).U32(0, 0x2 | 0x80 | 0x200).U32(4, 0x8180).U32(8, 0x12).Name(16, "new.txt"); // O_RDWR|O_EXCL|O_TRUNC, 0600, umask 022

        var reply = await harness.CallAsync(FuseOpcode.Create, 1, body.Bytes);
        var exists = await harness.CallAsync(FuseOpcode.Create, 1, body.Bytes);

        var node = fileSystem.Find(1, "new.txt")!.Value;
        Assert.Equal(OutHeader.Size + 144, reply.Bytes.Length);
        Assert.Equal(node, Wire.ReadU64(reply.Payload, 0));        // entry_out.nodeid
        Assert.Equal(0x8180u, Wire.ReadU32(reply.Payload, 40 + 60)); // entry_out.attr.mode
        Assert.NotEqual(0UL, Wire.ReadU64(reply.Payload, 128));    // open_out.fh
        Assert.Equal(new OpenOptions(FileAccessMode.ReadWrite, Truncate: true), fileSystem.LastOpenOptions);
        Assert.Equal(LinuxErrno.EEXIST, exists.Error);
    }

    [Fact]
    public async Task Mknod_takes_mknod_in_and_a_name()
    {
        var fileSystem = new TestFileSystem();
        await using var harness = await FuseHarness.StartedAsync(fileSystem);

        var regular = await harness.CallAsync(FuseOpcode.MkNod, 1, new Wire(16).U32(0, 0x81A4).U32(8, 0x12).Name(16, "plain").Bytes);
        var fifo = await harness.CallAsync(FuseOpcode.MkNod, 1, new Wire(16).U32(0, 0x11A4).Name(16, "pipe").Bytes);

        Assert.Equal(OutHeader.Size + 128, regular.Bytes.Length);
        Assert.Equal(fileSystem.Find(1, "plain"), Wire.ReadU64(regular.Payload, 0));
        Assert.Equal(LinuxErrno.EPERM, fifo.Error);
    }

    [Fact]
    public async Task Read_takes_read_in_and_answers_the_bytes_alone()
    {
        var fileSystem = new TestFileSystem();
        var file = fileSystem.AddFile(1, "f", "0123456789"u8.ToArray());
        await using var harness = await FuseHarness.StartedAsync(fileSystem);
        var handle = await harness.OpenAsync(FuseOpcode.Open, file);

        var reply = await harness.CallAsync(FuseOpcode.Read, file, new Wire(40).U64(0, handle).U64(8, 3).U32(16, 4).Bytes);

        Assert.Equal(OutHeader.Size + 4, reply.Bytes.Length);
        Assert.Equal("3456"u8.ToArray(), reply.Payload.ToArray());
    }

    [Fact]
    public async Task Write_takes_write_in_then_the_data_and_answers_a_write_out()
    {
        var fileSystem = new TestFileSystem();
        var file = fileSystem.AddFile(1, "f", []);
        await using var harness = await FuseHarness.StartedAsync(fileSystem);
        var handle = Wire.ReadU64((await harness.CallAsync(FuseOpcode.Open, file, new Wire(8).U32(0, 1).Bytes)).Payload, 0);
        var body = new Wire(40).U64(0, handle).U64(8, 2).U32(16, 5).Append(40, "hello"u8.ToArray());

        var reply = await harness.CallAsync(FuseOpcode.Write, file, body.Bytes);
        var shortBody = await harness.CallAsync(FuseOpcode.Write, file, new Wire(40).U64(0, handle).U32(16, 5).Append(40, "hi"u8.ToArray()).Bytes);

        Assert.Equal(OutHeader.Size + 8, reply.Bytes.Length);
        Assert.Equal(5u, Wire.ReadU32(reply.Payload, 0));
        Assert.Equal("\0\0hello"u8.ToArray(), fileSystem.ContentOf(file));
        Assert.Equal(LinuxErrno.EINVAL, shortBody.Error);
    }

    [Fact]
    public async Task Flush_fsync_and_release_take_their_handle_and_answer_an_empty_reply()
    {
        var fileSystem = new TestFileSystem();
        var file = fileSystem.AddFile(1, "f", []);
        await using var harness = await FuseHarness.StartedAsync(fileSystem);
        var handle = await harness.OpenAsync(FuseOpcode.Open, file);

        var flush = await harness.CallAsync(FuseOpcode.Flush, file, new Wire(24).U64(0, handle).Bytes);
        var fsync = await harness.CallAsync(FuseOpcode.Fsync, file, new Wire(16).U64(0, handle).U32(8, 1).Bytes);
        var release = await harness.CallAsync(FuseOpcode.Release, file, new Wire(24).U64(0, handle).Bytes);
        var stale = await harness.CallAsync(FuseOpcode.Flush, file, new Wire(24).U64(0, handle).Bytes);

        Assert.All([flush, fsync, release], reply => Assert.Equal(OutHeader.Size, reply.Bytes.Length));
        Assert.All([flush, fsync, release], reply => Assert.Equal(LinuxErrno.None, reply.Error));
        Assert.Equal((2, 1), (fileSystem.Flushes, fileSystem.Syncs));
        Assert.Equal(0, fileSystem.OpenHandleCount);
        Assert.Equal(LinuxErrno.EBADF, stale.Error);
    }

    [Fact]
    public async Task Fallocate_takes_fallocate_in_and_refuses_modes()
    {
        var fileSystem = new TestFileSystem();
        var file = fileSystem.AddFile(1, "f", []);
        await using var harness = await FuseHarness.StartedAsync(fileSystem);
        var handle = await harness.OpenAsync(FuseOpcode.Open, file);

        var plain = await harness.CallAsync(FuseOpcode.Fallocate, file, new Wire(32).U64(0, handle).U64(8, 0).U64(16, 4096).Bytes);
        var punch = await harness.CallAsync(FuseOpcode.Fallocate, file, new Wire(32).U64(0, handle).U64(16, 4096).U32(24, 0x3).Bytes);

        Assert.Equal(LinuxErrno.None, plain.Error);
        Assert.Equal(LinuxErrno.ENOTSUP, punch.Error);
    }

    [Theory]
    [InlineData(3u, SeekTarget.Data)]
    [InlineData(4u, SeekTarget.Hole)]
    public async Task Lseek_takes_lseek_in_and_answers_an_lseek_out(uint whence, SeekTarget target)
    {
        var fileSystem = new TestFileSystem { SeekResult = 12345 };
        var file = fileSystem.AddFile(1, "f", []);
        await using var harness = await FuseHarness.StartedAsync(fileSystem);

        var reply = await harness.CallAsync(FuseOpcode.Lseek, file, new Wire(24).U64(0, 7).U64(8, 100).U32(16, whence).Bytes);
        fileSystem.SeekResult = FsError.PastEndOfFile;
        var past = await harness.CallAsync(FuseOpcode.Lseek, file, new Wire(24).U64(0, 7).U64(8, 100).U32(16, whence).Bytes);

        Assert.Equal(OutHeader.Size + 8, reply.Bytes.Length);
        Assert.Equal(12345UL, Wire.ReadU64(reply.Payload, 0));
        Assert.Equal((7UL, 100L, target), fileSystem.LastSeek);
        Assert.Equal(LinuxErrno.ENXIO, past.Error);
    }

    [Fact]
    public async Task Lseek_for_anything_but_data_or_holes_is_EINVAL()
    {
        await using var harness = await FuseHarness.StartedAsync(new TestFileSystem());

        var reply = await harness.CallAsync(FuseOpcode.Lseek, 1, new Wire(24).U64(0, 7).U32(16, 2).Bytes);

        Assert.Equal(LinuxErrno.EINVAL, reply.Error);
    }

    [Fact]
    public async Task Poll_answers_that_a_file_is_always_ready()
    {
        await using var harness = await FuseHarness.StartedAsync(new TestFileSystem());

        var reply = await harness.CallAsync(FuseOpcode.Poll, 1, new Wire(24).U64(0, 7).U64(8, 3).U32(16, 1).U32(20, 0x5).Bytes);

        Assert.Equal(OutHeader.Size + 8, reply.Bytes.Length);
        Assert.Equal(0x145u, Wire.ReadU32(reply.Payload, 0)); // POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM
    }

    [Fact]
    public async Task Ioctl_is_ENOTTY()
    {
        await using var harness = await FuseHarness.StartedAsync(new TestFileSystem());

        var reply = await harness.CallAsync(FuseOpcode.Ioctl, 1, new byte[32]);

        Assert.Equal(LinuxErrno.ENOTTY, reply.Error);
    }

    [Theory]
    [InlineData(47u, 0xFFFF_FFFFL, 0xFFFF_F000L)] // COPY_FILE_RANGE: the core is asked for no more than the 32-bit reply can count
    [InlineData(53u, 0x7FFF_FFFF_F000L, 0x1_2345_6789L)] // COPY_FILE_RANGE_64
    public async Task Copy_file_range_takes_both_ends_and_answers_the_count_in_the_opcode_own_shape(uint opcode, long lengthAsked, long copied)
    {
        var fileSystem = new TestFileSystem { CopyResult = copied };
        await using var harness = await FuseHarness.StartedAsync(fileSystem);
        var body = new Wire(56).U64(0, 11).U64(8, 0).U64(16, 99).U64(24, 22).U64(32, 0).U64(40, 0x7FFF_FFFF_F000).U64(48, 0);

        var reply = await harness.CallAsync(opcode, 5, body.Bytes);

        Assert.Equal(OutHeader.Size + 8, reply.Bytes.Length);
        Assert.Equal((11UL, 0L, 22UL, 0L, lengthAsked), fileSystem.LastCopy);
        if (opcode == (uint)FuseOpcode.CopyFileRange64)
        {
            Assert.Equal((ulong)copied, Wire.ReadU64(reply.Payload, 0));  // copy_file_range_out.bytes_copied
        }
        else
        {
            Assert.Equal((uint)copied, Wire.ReadU32(reply.Payload, 0));  // write_out.size
        }
    }

    [Fact]
    public async Task A_copy_the_core_cannot_make_is_EOPNOTSUPP_so_the_kernel_copies_this_one_itself()
    {
        await using var harness = await FuseHarness.StartedAsync(new TestFileSystem { CopyResult = FsError.NotSupported });

        var reply = await harness.CallAsync(FuseOpcode.CopyFileRange, 5, new byte[56]);

        // 95 is EOPNOTSUPP, on which fuse_copy_file_range falls back to splice without setting no_copy_file_range.
        Assert.Equal(95, -reply.Header.Error);
    }
}
