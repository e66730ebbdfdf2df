using System.Text;
using System.Text.Json.Nodes;
using FsMount.Emulator;
using FsMount.Testing;

namespace FsMount.EndToEnd.Tests;

/// <summary>
/// <c>kill -9</c> of the mount at bad moments, then the next mount on the same cache folder: every
/// byte the user wrote reaches the service, and no file lands twice.
/// </summary>
public sealed class CrashTests
{
    private static readonly TimeSpan s_toolTimeout = TimeSpan.FromMinutes(3);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_kill_in_the_middle_of_an_upload_loses_nothing_and_lands_nothing_twice()
    {
        FuseAvailability.RequireOrSkip();
        await using var account = await EmulatedAccount.StartAsync(EmulatorLimitsMode.Relaxed, Token);
        var local = account.CreateDirectory("local");
        var mountPoint = account.CreateDirectory("mnt");
        var random = new Random(7);
        var files = new Dictionary<string, byte[]> { ["big.bin"] = new byte[16 * 1024 * 1024] };
        for (var i = 0; i < 5; i++)
        {
            files[$"small {i}.txt"] = new byte[1000 + i];
        }

        foreach (var (name, bytes) in files)
        {
            random.NextBytes(bytes);
            await File.WriteAllBytesAsync(Path.Combine(local, name), bytes, Token);
        }

        // Slow uploads, so the kill finds one half-sent.
        await account.SetFaultsAsync(new JsonObject { ["bandwidthPerStream"] = 2_000_000 }, Token);
        await using (var mount = await StartAsync(account, mountPoint, "0s"))
        {
            await RunAsync("cp", Path.Combine(local, "big.bin"), mountPoint);
            foreach (var name in files.Keys.Where(name => name != "big.bin"))
            {
                await RunAsync("cp", Path.Combine(local, name), mountPoint);
            }

            await WaitUntilAsync(async () => await account.BytesUploadedAsync(Token) > 2_000_000);
            await mount.CrashAsync();
        }

        await account.SetFaultsAsync(new JsonObject { ["bandwidthPerStream"] = 0 }, Token);
        await using (var next = await StartAsync(account, mountPoint, "0s"))
        {
            await next.StopCleanlyAsync();
        }

        await AssertOnTheServiceOnceAsync(account, mountPoint, files);
    }

    [Fact]
    public async Task A_kill_in_the_middle_of_a_write_keeps_what_reached_the_staging_file()
    {
        FuseAvailability.RequireOrSkip();
        await using var account = await EmulatedAccount.StartAsync(EmulatorLimitsMode.Relaxed, Token);
        var mountPoint = account.CreateDirectory("mnt");
        var expected = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"line {i}\n"));

        await using (var mount = await StartAsync(account, mountPoint, "1h"))
        {
            // One descriptor writing line after line, as a logger does, and still open when the mount dies.
            var writer = ChildProcess.RunAsync(s_toolTimeout, "sh", "-c", $"exec > '{Path.Combine(mountPoint, "app.log")}'; i=0; while [ $i -lt 20000 ]; do echo \"line $i\"; i=$((i+1)); done; sleep 3");
            var log = new FileInfo(Path.Combine(mountPoint, "app.log"));
            await WaitUntilAsync(() =>
            {
                log.Refresh();
                return Task.FromResult(log.Exists && log.Length == expected.Length);
            });
            await mount.CrashAsync();
            await writer;
        }

        await using (var next = await StartAsync(account, mountPoint, "0s"))
        {
            await next.StopCleanlyAsync();
        }

        await using var check = await StartAsync(account, mountPoint, "0s", account.CreateDirectory("cache2"));
        Assert.Equal(expected, await File.ReadAllTextAsync(Path.Combine(mountPoint, "app.log"), Token));
        await check.StopCleanlyAsync();
        Assert.Single(await account.Client.ListFolderAsync(0, Token) is { } root ? root.Items!.Where(item => item.Filename == "app.log") : []);
    }

    private static async Task AssertOnTheServiceOnceAsync(EmulatedAccount account, string mountPoint, Dictionary<string, byte[]> files)
    {
        var listed = (await account.Client.ListFolderAsync(0, Token)).Items!.Select(item => item.Filename).Order(StringComparer.Ordinal);
        Assert.Equal(files.Keys.Order(StringComparer.Ordinal), listed);

        await using var check = await StartAsync(account, mountPoint, "0s", account.CreateDirectory("check-cache"));
        foreach (var (name, bytes) in files)
        {
            Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(mountPoint, name), Token));
        }

        await check.StopCleanlyAsync();
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Token);
        deadline.CancelAfter(TimeSpan.FromMinutes(1));
        while (!await condition())
        {
            await Task.Delay(50, deadline.Token);
        }
    }

    private static Task<FsMountProcess> StartAsync(EmulatedAccount account, string mountPoint, string writeBack, string? cacheDirectory = null) =>
        FsMountProcess.StartAsync(mountPoint, account.FastEnvironment, account.MountArgumentsWithCache(cacheDirectory ?? account.CacheDirectory, "--write-back", writeBack));

    private static Task<string> RunAsync(string program, params string[] arguments) =>
        ChildProcess.OutputOfAsync(s_toolTimeout, program, arguments);
}
