using System.Text;
using FsMount.WinFsp.Native;
using FsMount.WinFsp.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace FsMount.WinFsp.Tests;

/// <summary>
/// The trampolines, called through the interface table's function pointers with native arguments as
/// WinFsp's dispatcher calls them, on the real core over the emulator; WinFsp's response call is
/// the recording channel.
/// </summary>
public sealed class HostTrampolineTests
{
    private const string User = "S-1-5-21-1-2-3-1001";
    private const uint OpenExisting = 1u << 24;
    private const uint CreateNew = 2u << 24;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void Every_served_callback_has_a_slot_and_the_unsupported_ones_stay_null()
    {
        var table = WinFspHost.CreateInterface();

        InterfaceSlot[] served =
        [
            InterfaceSlot.GetVolumeInfo, InterfaceSlot.GetSecurityByName, InterfaceSlot.Create, InterfaceSlot.Open,
            InterfaceSlot.Overwrite, InterfaceSlot.Cleanup, InterfaceSlot.Close, InterfaceSlot.Read, InterfaceSlot.Write,
            InterfaceSlot.Flush, InterfaceSlot.GetFileInfo, InterfaceSlot.SetBasicInfo, InterfaceSlot.SetFileSize,
            InterfaceSlot.CanDelete, InterfaceSlot.Rename, InterfaceSlot.GetSecurity, InterfaceSlot.SetSecurity,
            InterfaceSlot.ReadDirectory, InterfaceSlot.DispatcherStopped,
        ];
        foreach (var slot in Enum.GetValues<InterfaceSlot>())
        {
            Assert.True(served.Contains(slot) == (table[(int)slot] != 0), $"{slot}");
        }
    }

    [Fact]
    public async Task Volume_info_is_the_accounts_capacity_and_the_label()
    {
        await using var account = await EmulatedCore.StartAsync();
        using var host = NewHost(account, new RecordingChannel());
        using var native = new NativeCallbacks(host);

        var (status, total, free, label) = native.GetVolumeInfo();

        Assert.Equal(NtStatus.Success, status);
        Assert.True(total > 0 && free <= total, $"{free} of {total}");
        Assert.Equal("1fichier", label);
    }

    [Fact]
    public async Task Security_by_name_gives_the_attributes_and_the_mounts_descriptor_or_the_size_it_needs()
    {
        await using var account = await EmulatedCore.StartAsync(drive => EmulatedCore.UploadAsync(drive, drive.RootFolderId, ("a.txt", [1])));
        using var host = NewHost(account, new RecordingChannel());
        using var native = new NativeCallbacks(host);
        var expected = SecurityDescriptor.For(User, everyone: false);

        var tooSmall = native.GetSecurityByName(@"\a.txt", 8);
        var fitting = native.GetSecurityByName(@"\A.TXT", 256);

        Assert.Equal((NtStatus.BufferOverflow, (nuint)expected.Length), (tooSmall.Status, tooSmall.DescriptorSize));
        Assert.Equal(NtStatus.Success, fitting.Status);
        Assert.Equal(expected, fitting.Descriptor);
        Assert.Equal((uint)FileAttributes.Archive, fitting.Attributes);
        Assert.Equal(NtStatus.ObjectNameNotFound, native.GetSecurityByName(@"\b.txt", 256).Status);
    }

    [Fact]
    public async Task An_open_reports_the_true_case_a_remote_read_completes_later_through_the_response_and_close_ends_the_open()
    {
        var content = new byte[700_000];
        Random.Shared.NextBytes(content);
        await using var account = await EmulatedCore.StartAsync(async drive =>
        {
            var films = await drive.CreateFolderAsync(drive.RootFolderId, "Films", Token);
            await EmulatedCore.UploadAsync(drive, films.Id, ("Clip.mkv", content));
        });
        var channel = new RecordingChannel();
        using var host = NewHost(account, channel);
        using var native = new NativeCallbacks(host);

        var opened = native.Open(@"\FILMS\CLIP.MKV", OpenExisting, WindowsCalls.ReadAccess);
        Assert.Equal(NtStatus.Success, opened.Status);
        Assert.Equal(@"\Films\Clip.mkv", opened.NormalizedName);
        Assert.Equal((ulong)content.Length, opened.Info.FileSize);

        using var buffer = new NativeBytes(content.Length + 100);
        var pending = native.Read(opened.Context, buffer, 0);
        Assert.Equal(NtStatus.Pending, pending.Status);
        var response = await channel.NextAsync();
        Assert.Equal(((uint)TransactKind.Read, 1001UL, NtStatus.Success), (response.Kind, response.Hint, response.Status));
        Assert.Equal(content, buffer.ToArray((int)response.Information));
        Assert.Equal(NtStatus.EndOfFile, (await CompletedAsync(native.Read(opened.Context, buffer, (ulong)content.Length), channel)).Status);

        Assert.Equal(1, host.Contexts.Count);
        native.Close(opened.Context);
        Assert.Equal(0, host.Contexts.Count);
        Assert.Equal(0, host.Pending.Running);
    }

    [Fact]
    public async Task A_file_created_written_and_appended_through_the_trampolines_is_uploaded()
    {
        await using var account = await EmulatedCore.StartAsync();
        var channel = new RecordingChannel();
        using var host = NewHost(account, channel);
        using var native = new NativeCallbacks(host);

        var created = native.Create(@"\notes.txt", CreateNew);
        Assert.Equal((NtStatus.Success, @"\notes.txt"), (created.Status, created.NormalizedName));
        using var hello = Bytes("hello ");
        using var world = Bytes("world");
        Assert.Equal(6u, (await CompletedAsync(native.Write(created.Context, hello, 0, toEnd: false), channel)).Transferred);
        Assert.Equal(5u, (await CompletedAsync(native.Write(created.Context, world, 0, toEnd: true), channel)).Transferred);
        native.Cleanup(created.Context, null, flags: 0);
        native.Close(created.Context);
        await account.UploadAllAsync();

        Assert.Equal("hello world", Encoding.UTF8.GetString((await account.RemoteFilesAsync(account.Drive.RootFolderId))["notes.txt"]));
    }

    [Fact]
    public async Task A_directory_page_is_written_into_the_callers_buffer()
    {
        await using var account = await EmulatedCore.StartAsync(drive => EmulatedCore.UploadAsync(drive, drive.RootFolderId, ("b", [2]), ("a", [1])));
        var channel = new RecordingChannel();
        using var host = NewHost(account, channel);
        using var native = new NativeCallbacks(host);
        var root = native.Open(@"\", OpenExisting, WindowsCalls.ReadAccess);
        using var buffer = new NativeBytes(4096);

        var page = await CompletedAsync(native.ReadDirectory(root.Context, null, buffer), channel);
        native.Close(root.Context);

        Assert.Equal(NtStatus.Success, page.Status);
        var (entries, ended) = DirectoryRecords.Parse(buffer.ToArray((int)page.Transferred));
        Assert.True(ended);
        Assert.Equal(["a", "b"], entries.Select(e => e.Name));
    }

    [Fact]
    public async Task Failures_stay_in_the_trampolines_as_statuses()
    {
        await using var account = await EmulatedCore.StartAsync();
        using var host = NewHost(account, new RecordingChannel());
        using var native = new NativeCallbacks(host);
        using var buffer = new NativeBytes(16);

        Assert.Equal(NtStatus.UnexpectedIoError, native.Read(12345, buffer, 0).Status);
        native.Close(12345);
        native.Cleanup(12345, @"\x", WinFspFlags.CleanupDelete);
        Assert.Equal(NtStatus.AccessDenied, native.Create(@"\", CreateNew).Status);
        Assert.Equal(NtStatus.ObjectPathNotFound, native.Create(@"\missing\x.txt", CreateNew).Status);
    }

    private static WinFspHost NewHost(EmulatedCore account, RecordingChannel channel) =>
        new(account.Core, channel, SecurityDescriptor.For(User, everyone: false), "1fichier", NullLogger.Instance, () => { });

    private static NativeBytes Bytes(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var native = new NativeBytes(bytes.Length);
        native.Write(bytes);
        return native;
    }

    // A Read, Write or ReadDirectory answered at once, or later through the channel.
    private static async Task<(int Status, uint Transferred)> CompletedAsync((int Status, uint Transferred) answer, RecordingChannel channel)
    {
        if (answer.Status != NtStatus.Pending)
        {
            return answer;
        }

        var response = await channel.NextAsync();
        return (response.Status, response.Information);
    }

    private static Task<(int Status, uint Transferred)> CompletedAsync((int Status, uint Transferred, FspFileInfo Info) answer, RecordingChannel channel) =>
        CompletedAsync((answer.Status, answer.Transferred), channel);
}
