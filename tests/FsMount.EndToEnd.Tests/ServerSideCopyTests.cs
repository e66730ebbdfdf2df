using FsMount.Emulator;
using FsMount.Testing;

namespace FsMount.EndToEnd.Tests;

/// <summary>cp within the mount: copy_file_range reaches the service as one <c>file/cp.cgi</c>, not a download and an upload.</summary>
public sealed class ServerSideCopyTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Cp_of_an_uploaded_file_within_the_mount_is_one_copy_on_the_service_and_no_upload()
    {
        FuseAvailability.RequireOrSkip();
        await using var account = await EmulatedAccount.StartAsync(EmulatorLimitsMode.Relaxed, Token);
        var local = Path.Combine(account.CreateDirectory("local"), "film.mkv");
        var bytes = new byte[3 * 1024 * 1024];
        new Random(5).NextBytes(bytes);
        await File.WriteAllBytesAsync(local, bytes, Token);
        var mountPoint = account.CreateDirectory("mnt");
        await using (var first = await FsMountProcess.StartAsync(mountPoint, account.FastEnvironment, account.MountArguments("--write-back", "0s")))
        {
            await ChildProcess.OutputOfAsync("cp", local, mountPoint);
            await first.StopCleanlyAsync();
        }

        var uploads = await account.CallsAsync("/upload.cgi", Token);
        var downloaded = await account.BytesDownloadedAsync(Token);
        await using (var second = await FsMountProcess.StartAsync(mountPoint, account.FastEnvironment, account.MountArguments("--write-back", "0s")))
        {
            await ChildProcess.OutputOfAsync("cp", Path.Combine(mountPoint, "film.mkv"), Path.Combine(mountPoint, "copy.mkv"));
            Assert.Equal(downloaded, await account.BytesDownloadedAsync(Token));
            await ChildProcess.OutputOfAsync("cmp", local, Path.Combine(mountPoint, "copy.mkv"));
            await second.StopCleanlyAsync();
        }

        Assert.Equal(1, await account.CallsAsync("/v1/file/cp.cgi", Token));
        Assert.Equal(uploads, await account.CallsAsync("/upload.cgi", Token));
        var names = (await account.Client.ListFolderAsync(0, Token)).Items!.Select(item => item.Filename).Order(StringComparer.Ordinal);
        Assert.Equal(["copy.mkv", "film.mkv"], names);
    }
}
