using FsMount.Core.Errors;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using FsMount.Fuse.Tests.Support;
using FsMount.Testing;

namespace FsMount.Fuse.Tests.Mounting;

/// <summary>The file system mounted for real, driven by ordinary programs in child processes.</summary>
public sealed class RealMountTests
{
    private static readonly byte[] s_hello = "Hello, FUSE!\n"u8.ToArray();
    private static readonly byte[] s_big = CreateContent(8 * 1024 * 1024 + 123);

    [Fact]
    public async Task Ls_and_stat_show_the_tree_with_its_attributes()
    {
        var fileSystem = CreateTree();
        await using var mount = MountedFileSystem.Start(fileSystem);

        var listing = await ChildProcess.OutputOfAsync("ls", "-la", mount.Path);
        var stat = await ChildProcess.OutputOfAsync("stat", "-c", "%n|%s|%F|%a|%h|%u|%Y|%B|%o", mount.PathOf("hello.txt"), mount.PathOf("Films"));

        Assert.Contains("hello.txt", listing, StringComparison.Ordinal);
        Assert.Contains("Séries", listing, StringComparison.Ordinal);
        Assert.Contains(" .\n", listing, StringComparison.Ordinal);
        var mtime = TestFileSystem.ModifiedTime.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        Assert.Equal(
            $"{mount.PathOf("hello.txt")}|13|regular file|644|1|0|{mtime}|512|1048576\n" +
            $"{mount.PathOf("Films")}|0|directory|755|2|0|{mtime}|512|1048576\n",
            stat);
    }

    [Fact]
    public async Task Cat_reads_small_and_multi_MiB_files_byte_for_byte()
    {
        await using var mount = MountedFileSystem.Start(CreateTree());

        var hello = await ChildProcess.RunAsync("cat", mount.PathOf("hello.txt"));
        var big = await ChildProcess.RunAsync("cat", mount.PathOf("Films/big.bin"));
        var middle = await ChildProcess.RunAsync("dd", $"if={mount.PathOf("Films/big.bin")}", "bs=4096", "skip=1000", "count=3", "status=none");
        var tail = await ChildProcess.RunAsync("tail", "-c", "1000", mount.PathOf("Films/big.bin"));
        var unicode = await ChildProcess.RunAsync("cat", mount.PathOf("Séries/épisode 1.mkv"));

        Assert.Equal(s_hello, hello.Output);
        Assert.Equal(s_big.Length, big.Output.Length);
        Assert.True(s_big.AsSpan().SequenceEqual(big.Output), "the multi-MiB file differs");
        Assert.Equal(s_big.AsSpan(1000 * 4096, 3 * 4096).ToArray(), middle.Output);
        Assert.Equal(s_big.AsSpan(s_big.Length - 1000).ToArray(), tail.Output);
        Assert.Equal("episode one"u8.ToArray(), unicode.Output);
    }

    [Theory]
    [InlineData(1024 * 1024, "1024")]
    [InlineData(4 * 1024 * 1024, "4096")]
    public async Task The_kernel_read_ahead_of_the_mount_is_raised_once_it_is_initialized(int readAheadBytes, string expectedKiB)
    {
        await using var mount = MountedFileSystem.Start(CreateTree(), new FuseMountOptions { ReadAheadBytes = readAheadBytes });

        // Any answered request comes after INIT, and the read-ahead is set before the next request is read.
        await ChildProcess.RunAsync("stat", mount.Path);
        var device = File.ReadLines("/proc/self/mountinfo").Select(line => line.Split(' ')).Last(fields => fields[4] == mount.Path)[2];

        Assert.Equal(expectedKiB, File.ReadAllText($"/sys/class/bdi/{device}/read_ahead_kb").Trim());
    }

    [Fact]
    public async Task Find_walks_the_whole_tree()
    {
        await using var mount = MountedFileSystem.Start(CreateTree());

        var found = (await ChildProcess.OutputOfAsync("find", mount.Path))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(path => Path.GetRelativePath(mount.Path, path))
            .Order(StringComparer.Ordinal);

        Assert.Equal([".", "Films", "Films/big.bin", "Séries", "Séries/épisode 1.mkv", "empty.txt", "hello.txt"], found);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task Eight_reads_of_eight_files_are_served_at_once(int readerThreads)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var fileSystem = new TestFileSystem { ReadGate = gate.Task };
        for (var i = 0; i < 8; i++)
        {
            fileSystem.AddFile(1, $"slow-{i}", Encoding.ASCII.GetBytes($"content {i}"));
        }

        await using var mount = MountedFileSystem.Start(fileSystem, new FuseMountOptions { ReaderThreads = readerThreads });
        var cats = Enumerable.Range(0, 8).Select(i => ChildProcess.RunAsync("cat", mount.PathOf($"slow-{i}"))).ToList();

        // A server that handled one READ at a time would never hold eight at the gate.
        var allWaiting = SpinWait.SpinUntil(() => fileSystem.ReadsAtGate == 8, TimeSpan.FromSeconds(15));
        gate.SetResult();
        var results = await Task.WhenAll(cats);

        Assert.True(allWaiting, $"only {fileSystem.ReadsAtGate} reads were in the server at once");
        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"content {i}"), results.Select(result => result.OutputText));
    }

    [Fact]
    public async Task A_signal_to_a_reader_interrupts_its_read_in_the_server()
    {
        var fileSystem = new TestFileSystem { ReadGate = new TaskCompletionSource().Task };
        fileSystem.AddFile(1, "stuck", new byte[8192]);
        await using var mount = MountedFileSystem.Start(fileSystem);

        // O_DIRECT makes the reader wait on the request itself (readahead would wait on the page),
        // so its signal reaches the server as an INTERRUPT.
        var result = await ChildProcess.RunAsync("timeout", "-s", "INT", "0.5", "dd", $"if={mount.PathOf("stuck")}", "of=/dev/null", "iflag=direct", "bs=4096", "count=1");

        Assert.Equal(124, result.ExitCode);
        Assert.True(SpinWait.SpinUntil(() => fileSystem.CancelledReads == 1, TimeSpan.FromSeconds(5)));
    }

    [Theory]
    [InlineData("touch", "hello.txt")]
    [InlineData("touch", "new.txt")]
    [InlineData("mkdir", "new-folder")]
    [InlineData("rm", "hello.txt")]
    [InlineData("mv", "hello.txt")]
    [InlineData("sh", "hello.txt")]
    public async Task Changes_a_read_only_core_refuses_fail_with_read_only_file_system(string program, string target)
    {
        var fileSystem = CreateTree();
        fileSystem.ChangeError = FsError.ReadOnly;
        await using var mount = MountedFileSystem.Start(fileSystem);
        var path = mount.PathOf(target);

        var result = program switch
        {
            "mv" => await ChildProcess.RunAsync("mv", path, mount.PathOf("renamed.txt")),
            "sh" => await ChildProcess.RunAsync("sh", "-c", $"echo more >> '{path}'"),
            _ => await ChildProcess.RunAsync(program, path),
        };

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Read-only file system", result.Error, StringComparison.Ordinal);
        Assert.Equal(s_hello, (await ChildProcess.RunAsync("cat", mount.PathOf("hello.txt"))).Output);
    }

    [Fact]
    public async Task Statfs_and_df_show_the_account_capacity()
    {
        var fileSystem = CreateTree();
        fileSystem.TotalBytes = 1000L * 4096;
        fileSystem.FreeBytes = 250L * 4096;
        await using var mount = MountedFileSystem.Start(fileSystem, new FuseMountOptions { FsName = "fsmount-test" });

        var statfs = await ChildProcess.OutputOfAsync("stat", "-f", "-c", "%S %b %f %a %l", mount.Path);
        var df = await ChildProcess.OutputOfAsync("df", "-B4096", mount.Path);

        Assert.Equal("4096 1000 250 250 255\n", statfs);
        Assert.Contains("fsmount-test", df, StringComparison.Ordinal);
        Assert.Contains(" 1000 ", df, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unmount_ends_the_connection_and_leaves_no_mount_behind()
    {
        var mount = MountedFileSystem.Start(CreateTree(), new FuseMountOptions { FsName = "fsmount-test" });
        await using (mount)
        {
            await ChildProcess.OutputOfAsync("ls", mount.Path);
            var entry = File.ReadLines("/proc/self/mountinfo").Single(line => line.Split(' ')[4] == mount.Path);
            Assert.Contains(" - fuse.fsmount fsmount-test ", entry, StringComparison.Ordinal);
            Assert.Contains("nosuid,nodev", entry, StringComparison.Ordinal);

            mount.Mount.Unmount();
            await mount.Mount.Completion.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

            Assert.False(MountedFileSystem.IsMounted(mount.Path));
            mount.Mount.Unmount();
        }
    }

    [Fact]
    public async Task Sigterm_unmounts_instead_of_ending_the_process()
    {
        await using var mount = MountedFileSystem.Start(CreateTree());
        using (mount.Mount.UnmountOnTerminationSignals())
        {
            await ChildProcess.OutputOfAsync("kill", "-TERM", Environment.ProcessId.ToString(CultureInfo.InvariantCulture));

            await mount.Mount.Completion.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        }

        Assert.False(MountedFileSystem.IsMounted(mount.Path));
    }

    [Fact]
    public async Task Mounting_on_a_mount_point_in_use_is_refused()
    {
        await using var mount = MountedFileSystem.Start(CreateTree());

        var failure = Assert.Throws<FuseMountException>(() => FuseMount.Mount(mount.Path, new TestFileSystem(), new FuseMountOptions(), Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance));

        Assert.Contains("already mounted", failure.Message, StringComparison.Ordinal);
    }

    private static TestFileSystem CreateTree()
    {
        var fileSystem = new TestFileSystem();
        fileSystem.AddFile(1, "hello.txt", s_hello);
        fileSystem.AddFile(1, "empty.txt", []);
        var films = fileSystem.AddDirectory(1, "Films");
        fileSystem.AddFile(films, "big.bin", s_big);
        var series = fileSystem.AddDirectory(1, "Séries");
        fileSystem.AddFile(series, "épisode 1.mkv", "episode one"u8.ToArray());
        return fileSystem;
    }

    private static byte[] CreateContent(int length)
    {
        var content = new byte[length];
        new Random(42).NextBytes(content);
        return content;
    }
}
