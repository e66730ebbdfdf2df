using FsMount.Emulator;
using FsMount.Testing;

namespace FsMount.EndToEnd.Tests;

/// <summary>
/// The whole stack for real: an emulated account under the service's strict limits, filled through
/// the client, mounted by the <c>fsmount</c> command in a child process, and inspected with the
/// tools a user runs.
/// </summary>
public sealed class ReadOnlyMountTests
{
    private static readonly TimeSpan s_toolTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Mount_shows_the_uploaded_tree_serves_every_byte_and_unmounts_cleanly()
    {
        FuseAvailability.RequireOrSkip();
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var account = await EmulatedAccount.StartAsync(EmulatorLimitsMode.Strict, cancellationToken);
        var tree = await SampleTree.UploadAsync(account.Client, account.CreateDirectory("local"), cancellationToken);
        var mountPoint = account.CreateDirectory("mnt");

        await using var mount = await FsMountProcess.StartAsync(
            mountPoint, account.KeyEnvironment, account.MountArguments("--verbose"));

        await AssertFindListsTheTreeAsync(mountPoint, tree);
        await AssertLsAndStatAgreeAsync(mountPoint, tree);
        foreach (var (path, _) in tree.Files)
        {
            await AssertSameBytesAsync(Path.Combine(tree.LocalRoot, path), Path.Combine(mountPoint, path));
        }

        await AssertDuplicatesAreAllShownAsync(mountPoint, tree);
        Assert.Equal(0, await account.FloodRejectionsAsync(cancellationToken));

        Assert.Equal(0, await mount.StopAsync());
        Assert.False(await IsMountedAsync(mountPoint), "the mount is still in the mount table after SIGTERM");
        Assert.DoesNotContain(account.Server.ApiKey, mount.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_only_mount_is_ro_in_the_mount_table_and_shows_no_write_bit()
    {
        FuseAvailability.RequireOrSkip();
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var account = await EmulatedAccount.StartAsync(EmulatorLimitsMode.Relaxed, cancellationToken);
        var tree = await SampleTree.UploadAsync(account.Client, account.CreateDirectory("local"), cancellationToken);
        var mountPoint = account.CreateDirectory("mnt");

        // Disposing the process unmounts whatever happens.
        await using var mount = await FsMountProcess.StartAsync(mountPoint, account.KeyEnvironment, account.MountArguments("--read-only"));

        var mountOptions = MountInfo.EntryFor(mountPoint)!.Split(' ')[5];
        Assert.StartsWith("ro,", mountOptions, StringComparison.Ordinal);
        var (bigPath, _) = tree.Files.MaxBy(file => file.Size);
        Assert.Equal("-r--r--r--", (await ChildProcess.OutputOfAsync("stat", "-c", "%A", Path.Combine(mountPoint, bigPath))).Trim());
        Assert.Equal("dr-xr-xr-x", (await ChildProcess.OutputOfAsync("stat", "-c", "%A", Path.Combine(mountPoint, "Empty folder"))).Trim());
        Assert.Equal("dr-xr-xr-x", (await ChildProcess.OutputOfAsync("stat", "-c", "%A", mountPoint)).Trim());
        var touch = await ChildProcess.RunAsync("touch", Path.Combine(mountPoint, "new.txt"));
        Assert.Contains("Read-only file system", touch.Error, StringComparison.Ordinal);

        Assert.Equal(0, await mount.StopAsync());
    }

    private static async Task AssertFindListsTheTreeAsync(string mountPoint, SampleTree tree)
    {
        var found = await ChildProcess.OutputOfAsync(s_toolTimeout, "find", mountPoint, "-mindepth", "1", "-printf", "%y %s %P\n");
        var actual = found.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', 3))
            .Select(fields => fields[0] == "d" ? $"d {fields[2]}" : $"{fields[0]} {fields[1]} {fields[2]}")
            .Where(entry => !entry.Contains(SampleTree.DuplicateName[..^4], StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        var expected = tree.Folders.Select(folder => $"d {folder}")
            .Concat(tree.Files.Select(file => $"f {file.Size} {file.Path}"))
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected, actual);
    }

    private static async Task AssertLsAndStatAgreeAsync(string mountPoint, SampleTree tree)
    {
        var listing = await ChildProcess.OutputOfAsync(s_toolTimeout, "ls", "-lR", mountPoint);
        foreach (var name in tree.Folders.Concat(tree.Files.Select(file => file.Path)).Select(Path.GetFileName))
        {
            Assert.Contains(name!, listing, StringComparison.Ordinal);
        }

        var (bigPath, bigSize) = tree.Files.MaxBy(file => file.Size);
        var stat = await ChildProcess.OutputOfAsync("stat", "-c", "%s %F %A", Path.Combine(mountPoint, bigPath));
        Assert.Equal($"{bigSize} regular file -rw-r--r--", stat.Trim());
        var folderStat = await ChildProcess.OutputOfAsync("stat", "-c", "%F %A", Path.Combine(mountPoint, "Empty folder"));
        Assert.Equal("directory drwxr-xr-x", folderStat.Trim());
        Assert.Equal("", await ChildProcess.OutputOfAsync("ls", "-A", Path.Combine(mountPoint, "Empty folder")));
    }

    /// <summary>Two files share a name in one folder: both are listed, one under a suffixed name, and each serves its own bytes.</summary>
    private static async Task AssertDuplicatesAreAllShownAsync(string mountPoint, SampleTree tree)
    {
        var folder = Path.Combine(mountPoint, SampleTree.DuplicateFolder);
        var names = (await ChildProcess.OutputOfAsync("ls", "-1", folder)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var shown = names.Where(name => name.StartsWith(SampleTree.DuplicateName[..^4], StringComparison.Ordinal)).ToList();
        Assert.Equal(2, shown.Count);
        Assert.Contains(SampleTree.DuplicateName, shown);

        var suffixed = Assert.Single(shown, name => name != SampleTree.DuplicateName);
        var suffixedId = Assert.Single(tree.Duplicates.Select(SampleTree.ShortIdOf), id => suffixed == $"same name ({id}).txt");
        var plainId = Assert.Single(tree.Duplicates.Select(SampleTree.ShortIdOf), id => id != suffixedId);
        await AssertSameBytesAsync(Path.Combine(tree.LocalRoot, suffixedId), Path.Combine(folder, suffixed));
        await AssertSameBytesAsync(Path.Combine(tree.LocalRoot, plainId), Path.Combine(folder, SampleTree.DuplicateName));
    }

    private static async Task AssertSameBytesAsync(string expectedPath, string mountedPath)
    {
        var result = await ChildProcess.RunAsync(s_toolTimeout, "cmp", expectedPath, mountedPath);
        Assert.True(result.ExitCode == 0, $"cmp {mountedPath}: {result.OutputText}{result.Error}");
    }

    private static async Task<bool> IsMountedAsync(string mountPoint)
    {
        var mounts = await File.ReadAllTextAsync("/proc/self/mountinfo");
        return mounts.Contains($" {mountPoint} ", StringComparison.Ordinal);
    }
}
