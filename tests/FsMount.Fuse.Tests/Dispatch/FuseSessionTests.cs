using FsMount.Fuse.Protocol;
using FsMount.Fuse.Tests.Support;

namespace FsMount.Fuse.Tests.Dispatch;

public sealed class FuseSessionTests
{
    // What is left to ENOSYS is never sent to a server like this one, or is best remembered as absent.
    [Theory]
    [InlineData(31u)] // GETLK: no POSIX_LOCKS asked, so the kernel keeps locks itself
    [InlineData(32u)] // SETLK
    [InlineData(33u)] // SETLKW
    [InlineData(37u)] // BMAP: block devices (fuseblk) only
    [InlineData(48u)] // SETUPMAPPING: DAX (virtiofs) only
    [InlineData(49u)] // REMOVEMAPPING
    [InlineData(50u)] // SYNCFS: virtiofs only
    [InlineData(51u)] // TMPFILE: O_TMPFILE then fails with EOPNOTSUPP, which programs expect
    [InlineData(54u)] // newer than 7.45
    [InlineData(63u)]
    [InlineData(4096u)] // CUSE_INIT
    public async Task Opcodes_without_a_handler_are_answered_ENOSYS(uint opcode)
    {
        await using var harness = FuseHarness.Start(new TestFileSystem());
        await harness.InitializeAsync();

        var reply = await harness.CallAsync(opcode, 1, new byte[16]);

        Assert.Equal(LinuxErrno.ENOSYS, reply.Error);
        Assert.Equal(OutHeader.Size, reply.Bytes.Length);
    }

    [Fact]
    public async Task A_body_shorter_than_its_struct_is_answered_EINVAL()
    {
        await using var harness = FuseHarness.Start(new TestFileSystem());
        await harness.InitializeAsync();

        var reply = await harness.CallAsync(FuseOpcode.Read, 1, new byte[8]);

        Assert.Equal(LinuxErrno.EINVAL, reply.Error);
    }

    [Fact]
    public async Task An_interrupted_slow_read_is_answered_EINTR()
    {
        var fileSystem = new TestFileSystem { ReadGate = new TaskCompletionSource().Task };
        var file = fileSystem.AddFile(1, "slow", new byte[100]);
        await using var harness = FuseHarness.Start(fileSystem);
        await harness.InitializeAsync();
        var handle = await harness.OpenAsync(FuseOpcode.Open, file);

        var read = harness.Send(FuseOpcode.Read, file, FuseMessages.Body(new ReadIn { Handle = handle, Size = 4096 }));
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.False(harness.Channel.HasReplyTo(read));
        var interrupt = harness.Send(FuseOpcode.Interrupt, 0, FuseMessages.Body(new InterruptIn { Unique = read }));

        var reply = await harness.Channel.ReplyTo(read);
        Assert.Equal(LinuxErrno.EINTR, reply.Error);
        Assert.False(harness.Channel.HasReplyTo(interrupt));
    }

    [Fact]
    public async Task A_read_waiting_past_the_io_timeout_is_answered_EIO_and_a_quick_lookup_is_not()
    {
        var fileSystem = new TestFileSystem { ReadGate = new TaskCompletionSource().Task };
        var file = fileSystem.AddFile(1, "slow", new byte[100]);
        await using var harness = FuseHarness.Start(fileSystem, new FuseMountOptions { IoTimeout = TimeSpan.FromMilliseconds(200) });
        await harness.InitializeAsync();
        var handle = await harness.OpenAsync(FuseOpcode.Open, file);

        var read = harness.Send(FuseOpcode.Read, file, FuseMessages.Body(new ReadIn { Handle = handle, Size = 4096 }));

        Assert.Equal(LinuxErrno.EIO, (await harness.Channel.ReplyTo(read)).Error);
        Assert.Equal(1, fileSystem.CancelledReads);
        Assert.Equal(LinuxErrno.None, (await harness.LookupAsync(1, "slow")).Error);
    }

    [Fact]
    public async Task An_interrupted_mkdir_goes_on_and_answers_its_result()
    {
        var gate = new TaskCompletionSource();
        var fileSystem = new TestFileSystem { MakeDirectoryGate = gate.Task };
        await using var harness = FuseHarness.Start(fileSystem);
        await harness.InitializeAsync();

        var mkdir = harness.Send(FuseOpcode.MkDir, 1, FuseMessages.Concat(FuseMessages.Body(new MkDirIn { Mode = 0x1ED }), FuseMessages.Name("made")));
        harness.Send(FuseOpcode.Interrupt, 0, FuseMessages.Body(new InterruptIn { Unique = mkdir }));
        // Requests are dispatched in order: once this lookup is answered, the INTERRUPT has been handled.
        await harness.LookupAsync(1, "other");
        gate.SetResult();

        Assert.Equal(LinuxErrno.None, (await harness.Channel.ReplyTo(mkdir)).Error);
    }

    [Fact]
    public async Task An_interrupt_for_a_request_not_running_is_answered_EAGAIN()
    {
        await using var harness = FuseHarness.Start(new TestFileSystem());
        await harness.InitializeAsync();

        var reply = await harness.CallAsync(FuseOpcode.Interrupt, 0, FuseMessages.Body(new InterruptIn { Unique = 999 }));

        Assert.Equal(LinuxErrno.EAGAIN, reply.Error);
    }

    [Fact]
    public async Task A_slow_read_does_not_hold_up_a_lookup()
    {
        var gate = new TaskCompletionSource();
        var fileSystem = new TestFileSystem { ReadGate = gate.Task };
        var file = fileSystem.AddFile(1, "slow", "0123456789"u8.ToArray());
        var folder = fileSystem.AddDirectory(1, "other");
        fileSystem.AddFile(folder, "quick", []);
        await using var harness = FuseHarness.Start(fileSystem);
        await harness.InitializeAsync();
        var handle = await harness.OpenAsync(FuseOpcode.Open, file);

        var read = harness.Send(FuseOpcode.Read, file, FuseMessages.Body(new ReadIn { Handle = handle, Size = 4096 }));
        var lookup = await harness.LookupAsync(folder, "quick");
        var listing = await harness.OpenAsync(FuseOpcode.OpenDir, folder);

        Assert.Equal(LinuxErrno.None, lookup.Error);
        Assert.NotEqual(0UL, listing);
        Assert.False(harness.Channel.HasReplyTo(read));
        gate.SetResult();
        var reply = await harness.Channel.ReplyTo(read);
        Assert.Equal("0123456789"u8.ToArray(), reply.Payload.ToArray());
    }

    [Fact]
    public async Task Forget_and_batch_forget_get_no_reply()
    {
        var fileSystem = new TestFileSystem();
        var file = fileSystem.AddFile(1, "f", []);
        await using var harness = FuseHarness.Start(fileSystem);
        await harness.InitializeAsync();
        await harness.LookupAsync(1, "f");
        await harness.LookupAsync(1, "f");
        var repliesBefore = harness.Channel.ReplyCount;

        harness.Send(FuseOpcode.Forget, file, FuseMessages.Body(new ForgetIn { LookupCount = 1 }));
        harness.Send(FuseOpcode.BatchForget, 0, FuseMessages.Concat(
            FuseMessages.Body(new BatchForgetIn { Count = 1 }),
            FuseMessages.Body(new ForgetOne { NodeId = file, LookupCount = 1 })));
        var statfs = await harness.CallAsync(FuseOpcode.StatFs, 1, []);

        Assert.Equal(LinuxErrno.None, statfs.Error);
        Assert.Equal(repliesBefore + 1, harness.Channel.ReplyCount);
        Assert.True(SpinWait.SpinUntil(() => fileSystem.LookupCount(file) == 0, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Destroy_is_answered_and_ends_the_session()
    {
        var harness = FuseHarness.Start(new TestFileSystem());
        await harness.InitializeAsync();

        var reply = await harness.CallAsync(FuseOpcode.Destroy, 0, []);

        Assert.Equal(LinuxErrno.None, reply.Error);
        await harness.Session.Completion.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.True(harness.Channel.IsDisposed);
    }

    [Fact]
    public async Task When_the_connection_ends_running_requests_are_interrupted()
    {
        var fileSystem = new TestFileSystem { ReadGate = new TaskCompletionSource().Task };
        var file = fileSystem.AddFile(1, "f", [1, 2, 3]);
        var harness = FuseHarness.Start(fileSystem);
        await harness.InitializeAsync();
        var handle = await harness.OpenAsync(FuseOpcode.Open, file);
        var read = harness.Send(FuseOpcode.Read, file, FuseMessages.Body(new ReadIn { Handle = handle, Size = 10 }));
        await Task.Delay(50, TestContext.Current.CancellationToken);

        harness.Channel.Close();

        await harness.Session.Completion.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.Equal(LinuxErrno.EINTR, (await harness.Channel.ReplyTo(read)).Error);
        Assert.Equal(1, fileSystem.CancelledReads);
        Assert.True(harness.Channel.IsDisposed);
    }

    [Fact]
    public async Task The_session_ends_only_once_running_handlers_have_finished()
    {
        var gate = new TaskCompletionSource();
        var fileSystem = new TestFileSystem { ReleaseGate = gate.Task };
        var file = fileSystem.AddFile(1, "f", [1, 2, 3]);
        var harness = FuseHarness.Start(fileSystem);
        await harness.InitializeAsync();
        var handle = await harness.OpenAsync(FuseOpcode.Open, file);
        var release = harness.Send(FuseOpcode.Release, file, FuseMessages.Body(new ReleaseIn { Handle = handle }));
        await Task.Delay(50, TestContext.Current.CancellationToken);

        harness.Channel.Close();
        await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.False(harness.Session.Completion.IsCompleted);
        Assert.False(harness.Channel.IsDisposed);
        gate.SetResult();

        await harness.Session.Completion.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.Equal(LinuxErrno.None, (await harness.Channel.ReplyTo(release)).Error);
        Assert.Equal(0, fileSystem.OpenHandleCount);
        Assert.True(harness.Channel.IsDisposed);
    }
}
