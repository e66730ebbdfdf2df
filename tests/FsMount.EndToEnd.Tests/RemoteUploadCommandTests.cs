using System.Text.Json.Nodes;
using FsMount.Emulator;
using FsMount.Testing;

namespace FsMount.EndToEnd.Tests;

/// <summary>
/// <c>fsmount remote-upload</c> through a real mount of the emulator: a file the test serves on loopback
/// is fetched by the service into a folder of the mount and shows there, byte-identical, without a
/// remount; a URL the service cannot fetch gives one line and a non-zero exit.
/// </summary>
public sealed class RemoteUploadCommandTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_file_served_on_loopback_is_fetched_and_then_shows_in_the_mount_byte_identical()
    {
        FuseAvailability.RequireOrSkip();
        var body = new byte[250_000];
        Random.Shared.NextBytes(body);
        await using var files = LoopbackFileServer.Start(new Dictionary<string, byte[]> { ["/media/clip.bin"] = body });
        await using var account = await EmulatedAccount.StartAsync(EmulatorLimitsMode.Relaxed, Token);
        var environment = RuntimeFolder.EnvironmentFor(account);
        var mountPoint = account.CreateDirectory("mnt");
        await using var mount = await FsMountProcess.StartAsync(mountPoint, environment, account.MountArguments());
        var incoming = Directory.CreateDirectory(Path.Combine(mountPoint, "incoming")).FullName;
        Assert.Empty(Directory.GetFiles(incoming));

        var upload = await FsmountAsync(environment, "remote-upload", files.UrlOf("/media/clip.bin").AbsoluteUri, "--to", incoming);

        Assert.True(upload.ExitCode == 0, upload.Error);
        Assert.StartsWith($"fetched: {files.UrlOf("/media/clip.bin").AbsoluteUri} -> ", upload.OutputText, StringComparison.Ordinal);
        Assert.Equal(1, files.Requests);
        Assert.DoesNotContain(account.Server.ApiKey, upload.OutputText + upload.Error + mount.Output, StringComparison.Ordinal);
        var arrived = Path.Combine(incoming, "clip.bin");
        await Eventually.TrueAsync(() => File.Exists(arrived), "the fetched file shows in the mount");
        Assert.Equal(body, await File.ReadAllBytesAsync(arrived, Token));
        Assert.Equal(1, await account.CallsAsync("/v1/remote/request.cgi", Token));
        Assert.Equal(0, await account.FloodRejectionsAsync(Token));
        await mount.StopCleanlyAsync();
    }

    [Fact]
    public async Task A_request_whose_answer_is_lost_is_found_in_the_list_and_not_sent_again()
    {
        FuseAvailability.RequireOrSkip();
        await using var files = LoopbackFileServer.Start(new Dictionary<string, byte[]> { ["/once.bin"] = [1, 2, 3, 4] });
        await using var account = await EmulatedAccount.StartAsync(EmulatorLimitsMode.Relaxed, Token);
        var environment = RuntimeFolder.EnvironmentFor(account);
        var mountPoint = account.CreateDirectory("mnt");
        await using var mount = await FsMountProcess.StartAsync(mountPoint, environment, account.MountArguments());
        await account.SetFaultsAsync(new JsonObject { ["dropResponseRate"] = 1.0, ["dropResponseEndpoints"] = new JsonArray("remote/request.cgi") }, Token);

        var upload = await FsmountAsync(environment, "remote-upload", files.UrlOf("/once.bin").AbsoluteUri, "--to", mountPoint);

        Assert.True(upload.ExitCode == 0, upload.Error);
        Assert.Equal((1L, 0L), await account.InjectedFaultsAsync(Token));
        Assert.Equal(1, await account.CallsAsync("/v1/remote/request.cgi", Token));
        Assert.Equal(1, files.Requests);
        await Eventually.TrueAsync(() => File.Exists(Path.Combine(mountPoint, "once.bin")), "the fetched file shows in the mount");
        await mount.StopCleanlyAsync();
    }

    [Fact]
    public async Task Without_a_mount_a_path_of_the_account_is_fetched_into_and_the_next_mount_shows_the_file()
    {
        FuseAvailability.RequireOrSkip();
        var body = new byte[100_000];
        Random.Shared.NextBytes(body);
        await using var files = LoopbackFileServer.Start(new Dictionary<string, byte[]> { ["/later.bin"] = body });
        await using var account = await EmulatedAccount.StartAsync(EmulatorLimitsMode.Relaxed, Token);
        var environment = RuntimeFolder.EnvironmentFor(account);
        var mountPoint = account.CreateDirectory("mnt");
        await using (var first = await FsMountProcess.StartAsync(mountPoint, environment, account.MountArguments()))
        {
            Directory.CreateDirectory(Path.Combine(mountPoint, "Downloads"));
            Assert.Empty(Directory.GetFiles(Path.Combine(mountPoint, "Downloads")));
            await first.StopCleanlyAsync();
        }

        var upload = await FsmountAsync(environment, ["remote-upload", files.UrlOf("/later.bin").AbsoluteUri, "--to", "/Downloads", .. account.MountArguments()]);

        Assert.True(upload.ExitCode == 0, upload.Error);
        Assert.Equal(1, files.Requests);
        await using var second = await FsMountProcess.StartAsync(mountPoint, environment, account.MountArguments());
        Assert.Equal(body, await File.ReadAllBytesAsync(Path.Combine(mountPoint, "Downloads", "later.bin"), Token));
        await second.StopCleanlyAsync();
    }

    [Fact]
    public async Task A_url_the_service_cannot_fetch_gives_one_line_and_exit_1()
    {
        FuseAvailability.RequireOrSkip();
        await using var files = LoopbackFileServer.Start(new Dictionary<string, byte[]> { ["/there.bin"] = [1, 2, 3] });
        await using var account = await EmulatedAccount.StartAsync(EmulatorLimitsMode.Relaxed, Token);
        var environment = RuntimeFolder.EnvironmentFor(account);
        var mountPoint = account.CreateDirectory("mnt");
        await using var mount = await FsMountProcess.StartAsync(mountPoint, environment, account.MountArguments());
        var missing = files.UrlOf("/missing.bin").AbsoluteUri;

        var upload = await FsmountAsync(environment, "remote-upload", missing, files.UrlOf("/there.bin").AbsoluteUri, "--to", mountPoint);

        Assert.Equal(1, upload.ExitCode);
        var failed = Assert.Single(Lines(upload.Error), line => line.StartsWith("fsmount: not fetched: ", StringComparison.Ordinal));
        Assert.Contains(missing, failed, StringComparison.Ordinal);
        Assert.Single(Lines(upload.OutputText));
        await Eventually.TrueAsync(() => File.Exists(Path.Combine(mountPoint, "there.bin")), "the URL that could be fetched shows in the mount");
        await mount.StopCleanlyAsync();
    }

    private static Task<ProcessResult> FsmountAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        ChildProcess.RunAsync(TimeSpan.FromMinutes(1), FsMountProcess.CreateStartInfo(environment, arguments));

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
