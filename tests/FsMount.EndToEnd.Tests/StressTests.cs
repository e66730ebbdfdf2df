using System.Globalization;
using FsMount.Emulator;
using FsMount.Testing;

namespace FsMount.EndToEnd.Tests;

/// <summary>
/// fio (Debian's package) with many readers and writers at once on a real mount: every byte is
/// checked (crc32c), nothing may hang (the run has a deadline), and what was written is checked
/// again from the service through a second mount with an empty cache while new writers run.
/// </summary>
public sealed class StressTests
{
    private static readonly TimeSpan s_fioTimeout = TimeSpan.FromMinutes(4);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Fio_readers_and_writers_in_parallel_finish_and_verify_every_byte()
    {
        FuseAvailability.RequireToolOrSkip("fio", "fio");
        await using var account = await EmulatedAccount.StartAsync(EmulatorLimitsMode.Relaxed, Token);
        var mountPoint = account.CreateDirectory("mnt");
        var jobs = account.CreateDirectory("jobs");

        // Four sequential writers and two random readers-writers, each verifying what it wrote.
        await File.WriteAllTextAsync(Path.Combine(jobs, "write.fio"), Jobs(mountPoint, """
            [seq]
            rw=write
            bs=128k
            size=16m
            numjobs=4

            [mixed]
            rw=randrw
            bsrange=4k-256k
            size=8m
            numjobs=2
            """), Token);

        // Then, from the service: the sequential files read back by four readers (O_DIRECT), while
        // three new random writers work beside them.
        await File.WriteAllTextAsync(Path.Combine(jobs, "reread.fio"), Jobs(mountPoint, """
            [seq]
            rw=write
            bs=128k
            size=16m
            numjobs=4
            verify_only=1
            direct=1

            [fresh]
            rw=randwrite
            bsrange=4k-1m
            size=8m
            numjobs=3
            """), Token);

        await using (var mount = await FsMountProcess.StartAsync(mountPoint, account.FastEnvironment, account.MountArguments("--write-back", "0s")))
        {
            await FioAsync(Path.Combine(jobs, "write.fio"));
            await mount.StopCleanlyAsync();
        }

        await using (var again = await FsMountProcess.StartAsync(mountPoint, account.FastEnvironment, account.MountArgumentsWithCache(account.CreateDirectory("cache2"), "--write-back", "0s")))
        {
            await FioAsync(Path.Combine(jobs, "reread.fio"));
            await again.StopCleanlyAsync();
        }
    }

    // fio's defaults (randrepeat) make a verify_only run expect exactly the bytes the first run wrote.
    private static string Jobs(string mountPoint, string jobs) => string.Create(CultureInfo.InvariantCulture, $"""
        [global]
        directory={mountPoint}
        ioengine=psync
        verify=crc32c
        verify_fatal=1
        group_reporting=1

        {jobs}
        """);

    private static async Task FioAsync(string jobFile)
    {
        var run = await ChildProcess.RunAsync(s_fioTimeout, "fio", "--output-format=terse", "--terse-version=3", jobFile);
        Assert.True(run.ExitCode == 0, $"fio exited {run.ExitCode}: {run.Error}\n{run.OutputText}");
        Assert.DoesNotContain("verify: bad", run.Error, StringComparison.Ordinal);
    }
}
