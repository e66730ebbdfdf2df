using FsMount.Core.Errors;
using FsMount.Core.Remote;
using FsMount.Core.Tests.Fakes;
using FsMount.Core.Vfs;
using FsMount.Testing;
using Microsoft.Extensions.Time.Testing;

namespace FsMount.Core.Tests.Metadata;

/// <summary>statfs through <see cref="MountedFileSystem.GetStatisticsAsync"/>, with time under test control.</summary>
public sealed class CapacityTests
{
    private static readonly RemoteAccountInfo s_smallAccount = new(UsedBytes: 300, TotalBytes: 1000);
    private static readonly FileSystemStatistics s_known = new(1000, 700);
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Statfs_answers_at_once_with_an_estimate_while_the_service_has_not_answered()
    {
        var drive = new FakeRemoteDrive { AccountInfo = s_smallAccount, AccountInfoGate = new TaskCompletionSource() };
        await using var fs = TestMount.Create(drive);

        var estimate = (await fs.GetStatisticsAsync(Token)).Ok();
        Assert.True(estimate.TotalBytes >= 1L << 40);
        Assert.Equal(estimate.TotalBytes, estimate.FreeBytes);

        drive.AccountInfoGate.SetResult();
        await Eventually.TrueAsync(() => Statistics(fs) == s_known, "the capacity arrived");
        Assert.Equal(1, drive.AccountInfoCalls);
    }

    [Fact]
    public async Task Account_info_is_asked_at_most_once_per_five_minutes_and_in_the_background()
    {
        var drive = new FakeRemoteDrive { AccountInfo = s_smallAccount };
        var time = new FakeTimeProvider(FakeRemoteDrive.Epoch);
        await using var fs = TestMount.Create(drive, time);

        await Eventually.TrueAsync(() => Statistics(fs) == s_known, "the capacity arrived");
        drive.AccountInfo = new RemoteAccountInfo(UsedBytes: 600, TotalBytes: 1000);
        time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        Assert.Equal(s_known, Statistics(fs));
        await fs.CapacityRefresh.WaitAsync(Token);
        Assert.Equal(1, drive.AccountInfoCalls);

        time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(() => Statistics(fs) == new FileSystemStatistics(1000, 400), "the new capacity arrived");
        Assert.Equal(2, drive.AccountInfoCalls);
    }

    [Fact]
    public async Task Concurrent_statfs_calls_ask_once()
    {
        var drive = new FakeRemoteDrive { AccountInfo = s_smallAccount };
        await using var fs = TestMount.Create(drive);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => fs.GetStatisticsAsync(Token).AsTask(), Token)));
        await Eventually.TrueAsync(() => Statistics(fs) == s_known, "the capacity arrived");

        Assert.All(results, r => Assert.True(r.IsSuccess));
        Assert.Equal(1, drive.AccountInfoCalls);
    }

    [Fact]
    public async Task A_failure_before_any_answer_keeps_the_estimate_and_is_not_retried_at_once()
    {
        var drive = new FakeRemoteDrive { AccountInfo = s_smallAccount, AccountInfoFailure = new RemoteDriveException(FsError.Unavailable, "flood") };
        var time = new FakeTimeProvider(FakeRemoteDrive.Epoch);
        await using var fs = TestMount.Create(drive, time);

        var estimate = Statistics(fs);
        await Eventually.TrueAsync(() => drive.AccountInfoCalls == 1, "the service was asked");
        Assert.Equal(estimate, Statistics(fs));
        await fs.CapacityRefresh.WaitAsync(Token);
        Assert.Equal(1, drive.AccountInfoCalls);

        drive.AccountInfoFailure = null;
        time.Advance(TimeSpan.FromMinutes(5));
        await Eventually.TrueAsync(() => Statistics(fs) == s_known, "the capacity arrived");
    }

    [Fact]
    public async Task A_failure_after_an_answer_keeps_the_last_answer()
    {
        var drive = new FakeRemoteDrive { AccountInfo = s_smallAccount };
        var time = new FakeTimeProvider(FakeRemoteDrive.Epoch);
        await using var fs = TestMount.Create(drive, time);
        await Eventually.TrueAsync(() => Statistics(fs) == s_known, "the capacity arrived");

        drive.AccountInfoFailure = new RemoteDriveException(FsError.Unavailable, "down");
        time.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal(s_known, Statistics(fs));
        await Eventually.TrueAsync(() => drive.AccountInfoCalls == 2, "the service was asked again");
        Assert.Equal(s_known, Statistics(fs));
    }

    [Fact]
    public async Task A_restarted_mount_shows_the_last_capacity_at_once_and_does_not_ask_again_within_five_minutes()
    {
        var drive = new FakeRemoteDrive { AccountInfo = s_smallAccount };
        var time = new FakeTimeProvider(FakeRemoteDrive.Epoch);
        var options = new FsMountOptions { CacheDirectory = TestMount.NewCacheDirectory() };
        await using (var first = TestMount.Create(drive, time, options))
        {
            await Eventually.TrueAsync(() => Statistics(first) == s_known, "the capacity arrived");
        }

        time.Advance(TimeSpan.FromMinutes(4));
        drive.AccountInfo = new RemoteAccountInfo(UsedBytes: 900, TotalBytes: 1000);
        await using (var second = TestMount.Create(drive, time, options))
        {
            Assert.Equal(s_known, Statistics(second));
            await second.CapacityRefresh.WaitAsync(Token);
            Assert.Equal(1, drive.AccountInfoCalls);
        }

        time.Advance(TimeSpan.FromMinutes(1));
        await using var third = TestMount.Create(drive, time, options);
        Assert.Equal(s_known, Statistics(third));
        await Eventually.TrueAsync(() => Statistics(third) == new FileSystemStatistics(1000, 100), "the new capacity arrived");
        Assert.Equal(2, drive.AccountInfoCalls);
    }

    [Fact]
    public async Task Unmounting_while_the_service_has_not_answered_does_not_wait_for_it()
    {
        var drive = new FakeRemoteDrive { AccountInfoGate = new TaskCompletionSource() };
        var fs = TestMount.Create(drive);
        Statistics(fs);
        await Eventually.TrueAsync(() => drive.AccountInfoCalls == 1, "the service was asked");

        await fs.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5), Token);
    }

    [Fact]
    public async Task The_next_run_reads_the_account_info_from_the_cache_folder_and_asks_only_after_five_minutes()
    {
        var subscriptionEnd = new DateTimeOffset(2027, 6, 30, 22, 0, 0, TimeSpan.Zero);
        var drive = new FakeRemoteDrive { AccountInfo = s_smallAccount with { SubscriptionEnd = subscriptionEnd } };
        var time = new FakeTimeProvider(FakeRemoteDrive.Epoch);
        var options = new FsMountOptions { CacheDirectory = TestMount.NewCacheDirectory() };
        await using (var mount = TestMount.Create(drive, time, options))
        {
            Assert.Equal(drive.AccountInfo, (await mount.GetAccountInfoAsync(Token)).Info);
        }

        time.Advance(TimeSpan.FromMinutes(4));
        await using (var command = TestMount.Create(drive, time, options))
        {
            var fromCache = await command.GetAccountInfoAsync(Token);
            Assert.Equal(s_smallAccount with { SubscriptionEnd = subscriptionEnd }, fromCache.Info);
            Assert.Equal(FakeRemoteDrive.Epoch, fromCache.FetchedAt);
            Assert.Equal(1, drive.AccountInfoCalls);
        }

        time.Advance(TimeSpan.FromMinutes(1));
        drive.AccountInfo = new RemoteAccountInfo(UsedBytes: 900, TotalBytes: 1000);
        await using var later = TestMount.Create(drive, time, options);
        Assert.Equal(drive.AccountInfo, (await later.GetAccountInfoAsync(Token)).Info);
        Assert.Equal(2, drive.AccountInfoCalls);
    }

    private static FileSystemStatistics Statistics(MountedFileSystem fs) => fs.StatisticsNow();
}
