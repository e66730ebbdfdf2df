using System.Text;
using FsMount.Emulator;
using FsMount.Testing;

namespace FsMount.EndToEnd.Tests;

/// <summary>
/// The read-write mount for real: the <c>fsmount</c> command on an emulated account, driven by the
/// tools users run (cp, rsync, mv, rm, diff, dd) and by plain file calls from this process (which
/// does not serve the mount, so it may use it). Each test stops the mount with SIGTERM, which
/// uploads what is still staged, and checks the account through a second mount or the client:
/// what is on the service, not only what the staging area holds.
/// </summary>
public sealed class ReadWriteMountTests
{
    private static readonly TimeSpan s_toolTimeout = TimeSpan.FromMinutes(3);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Cp_r_of_a_tree_in_and_back_out_gives_the_same_bytes_and_names_from_the_service()
    {
        FuseAvailability.RequireOrSkip();
        await using var account = await EmulatedAccount.StartAsync(EmulatorLimitsMode.Relaxed, Token);
        var local = LocalTree.Create(account.CreateDirectory("local"), seed: 1);
        var mountPoint = account.CreateDirectory("mnt");

        await using (var mount = await StartAsync(account, mountPoint))
        {
            await RunAsync("cp", "-r", local, Path.Combine(mountPoint, "tree"));
            await RunAsync("diff", "-r", local, Path.Combine(mountPoint, "tree"));
            await mount.StopCleanlyAsync();
        }

        // A new mount with an empty cache: every byte now comes from the service.
        await using (var again = await StartAsync(account, mountPoint, cacheDirectory: account.CreateDirectory("cache2")))
        {
            await RunAsync("diff", "-r", local, Path.Combine(mountPoint, "tree"));
            var back = Path.Combine(account.WorkDirectory, "back");
            await RunAsync("cp", "-r", Path.Combine(mountPoint, "tree"), back);
            await RunAsync("diff", "-r", local, back);
            await again.StopCleanlyAsync();
            Assert.DoesNotContain(account.Server.ApiKey, again.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Rsync_a_twice_uploads_nothing_the_second_time()
    {
        FuseAvailability.RequireOrSkip();
        await using var account = await EmulatedAccount.StartAsync(EmulatorLimitsMode.Relaxed, Token);
        var local = LocalTree.Create(account.CreateDirectory("local"), seed: 2);
        var mountPoint = account.CreateDirectory("mnt");

        await using (var mount = await StartAsync(account, mountPoint))
        {
            await RunAsync("rsync", "-a", local + "/", Path.Combine(mountPoint, "backup") + "/");
            await mount.StopCleanlyAsync();
        }

        var uploads = await account.CallsAsync("/upload.cgi", Token);
        Assert.True(uploads > 0);
        await using (var mount = await StartAsync(account, mountPoint))
        {
            var second = await RunAsync("rsync", "-a", "--itemize-changes", local + "/", Path.Combine(mountPoint, "backup") + "/");
            Assert.Equal(string.Empty, second.Trim());
            await mount.StopCleanlyAsync();
        }

        Assert.Equal(uploads, await account.CallsAsync("/upload.cgi", Token));
    }

    [Fact]
    public async Task Mv_rm_and_an_editor_save_reach_the_service_as_the_user_left_them()
    {
        FuseAvailability.RequireOrSkip();
        await using var account = await EmulatedAccount.StartAsync(EmulatorLimitsMode.Relaxed, Token);
        var local = LocalTree.Create(account.CreateDirectory("local"), seed: 3);
        var mountPoint = account.CreateDirectory("mnt");
        var tree = Path.Combine(mountPoint, "tree");

        await using (var mount = await StartAsync(account, mountPoint))
        {
            await RunAsync("cp", "-r", local, tree);
            await mount.StopCleanlyAsync();
        }

        await using (var mount = await StartAsync(account, mountPoint))
        {
            // Within a folder, across folders, a folder with its content, then a whole subtree away.
            await RunAsync("mv", Path.Combine(tree, "readme.txt"), Path.Combine(tree, "README.md"));
            await RunAsync("mv", Path.Combine(tree, "docs", "report 2024.pdf"), Path.Combine(tree, "média", "report.pdf"));
            await RunAsync("mv", Path.Combine(tree, "docs", "deep"), Path.Combine(tree, "média", "deeper"));
            await RunAsync("rm", "-r", Path.Combine(tree, "🎉"));

            // An editor's save: write a temporary file, fsync it, rename it over the original.
            await RunAsync("sh", "-c", $"printf 'saved by an editor' | dd of='{Path.Combine(tree, ".README.md.swp")}' conv=fsync status=none && mv '{Path.Combine(tree, ".README.md.swp")}' '{Path.Combine(tree, "README.md")}'");

            // Append and truncate.
            await File.AppendAllTextAsync(Path.Combine(tree, "média", "report.pdf"), "appended", Token);
            await RunAsync("truncate", "-s", "100", Path.Combine(tree, "média", "clip.bin"));
            await mount.StopCleanlyAsync();
        }

        await using (var check = await StartAsync(account, mountPoint, cacheDirectory: account.CreateDirectory("cache2")))
        {
            var listing = await ChildProcess.OutputOfAsync(s_toolTimeout, "find", tree, "-mindepth", "1", "-printf", "%y %s %P\n");
            var entries = listing.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(
                new[]
                {
                    "d 0  spaced folder ", "d 0 docs", "d 0 média", "d 0 média/deeper",
                    "f 0 empty", "f 18 README.md", "f 100 média/clip.bin", $"f {300 * 1024 + 8} média/report.pdf",
                    "f 4321 média/deeper/AC'DC \"live\" $5 <b>.txt", "f 512  spaced folder / leading and trailing ", "f 99 média/deeper/back\\slash.txt",
                }.Order(StringComparer.Ordinal),
                entries);
            Assert.Equal("saved by an editor", await File.ReadAllTextAsync(Path.Combine(tree, "README.md"), Token));
            var report = await File.ReadAllBytesAsync(Path.Combine(tree, "média", "report.pdf"), Token);
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(local, "docs", "report 2024.pdf"), Token), report[..^8]);
            Assert.Equal("appended"u8.ToArray(), report[^8..]);
            var clip = await File.ReadAllBytesAsync(Path.Combine(tree, "média", "clip.bin"), Token);
            Assert.Equal((await File.ReadAllBytesAsync(Path.Combine(local, "média", "clip.bin"), Token))[..100], clip);
            await check.StopCleanlyAsync();
        }
    }

    [Fact]
    public async Task A_1_GiB_file_written_by_dd_is_uploaded_whole()
    {
        FuseAvailability.RequireOrSkip();
        await using var account = await EmulatedAccount.StartAsync(EmulatorLimitsMode.Relaxed, Token);
        var local = Path.Combine(account.CreateDirectory("local"), "big.bin");
        await RunAsync("dd", "if=/dev/urandom", $"of={local}", "bs=1M", "count=1024", "status=none");
        var mountPoint = account.CreateDirectory("mnt");

        await using (var mount = await StartAsync(account, mountPoint))
        {
            await RunAsync("dd", $"if={local}", $"of={Path.Combine(mountPoint, "big.bin")}", "bs=1M", "status=none");
            await mount.StopCleanlyAsync();
        }

        await using (var check = await StartAsync(account, mountPoint, cacheDirectory: account.CreateDirectory("cache2")))
        {
            await RunAsync("cmp", local, Path.Combine(mountPoint, "big.bin"));
            await check.StopCleanlyAsync();
        }
    }

    private static Task<FsMountProcess> StartAsync(EmulatedAccount account, string mountPoint, string? cacheDirectory = null) =>
        FsMountProcess.StartAsync(mountPoint, account.FastEnvironment, account.MountArgumentsWithCache(cacheDirectory ?? account.CacheDirectory, "--write-back", "1s"));

    private static Task<string> RunAsync(string program, params string[] arguments) =>
        ChildProcess.OutputOfAsync(s_toolTimeout, program, arguments);
}
