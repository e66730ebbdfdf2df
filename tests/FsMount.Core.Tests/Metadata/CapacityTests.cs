using FsMount.Core.Errors;
using FsMount.Core.Remote;
using FsMount.Core.Tests.Fakes;
using FsMount.Core.Vfs;
using Microsoft.Extensions.Time.Testing;

namespace FsMount.Core.Tests.Metadata;

/// <summary>statfs through <see cref="MountedFileSystem.GetStatisticsAsync"/>, with time under test control.</summary>
public sealed class CapacityTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Account_info_is_asked_at_most_once_per_five_minutes()
    {
        var drive = new FakeRemoteDrive { AccountInfo = new RemoteAccountInfo(UsedBytes: 300, TotalBytes: 1000) };
        var time = new FakeTimeProvider(FakeRemoteDrive.Epoch);
        await using var fs = TestMount.Create(drive, time);

        Assert.Equal(new FileSystemStatistics(1000, 700), (await fs.GetStatisticsAsync(Token)).Ok());
        drive.AccountInfo = new RemoteAccountInfo(UsedBytes: 600, TotalBytes: 1000);
        time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        Assert.Equal(new FileSystemStatistics(1000, 700), (await fs.GetStatisticsAsync(Token)).Ok());
        Assert.Equal(1, drive.AccountInfoCalls);

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(new FileSystemStatistics(1000, 400), (await fs.GetStatisticsAsync(Token)).Ok());
        Assert.Equal(2, drive.AccountInfoCalls);
    }

    [Fact]
    public async Task Concurrent_statfs_calls_ask_once()
    {
        var drive = new FakeRemoteDrive();
        await using var fs = TestMount.Create(drive);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => fs.GetStatisticsAsync(Token).AsTask()));

        Assert.All(results, r => Assert.True(r.IsSuccess));
        Assert.Equal(1, drive.AccountInfoCalls);
    }

    [Fact]
    public async Task A_failure_before_any_answer_reports_a_large_capacity_and_is_not_retried_at_once()
    {
        var drive = new FakeRemoteDrive { AccountInfoFailure = new RemoteDriveException(FsError.Unavailable, "flood") };
        var time = new FakeTimeProvider(FakeRemoteDrive.Epoch);
        await using var fs = TestMount.Create(drive, time);

        var unknown = (await fs.GetStatisticsAsync(Token)).Ok();
        Assert.True(unknown.TotalBytes >= 1L << 40);
        Assert.Equal(unknown.TotalBytes, unknown.FreeBytes);
        Assert.Equal(unknown, (await fs.GetStatisticsAsync(Token)).Ok());
        Assert.Equal(1, drive.AccountInfoCalls);

        drive.AccountInfoFailure = null;
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(new FileSystemStatistics(1000, 700), (await fs.GetStatisticsAsync(Token)).Ok());
    }

    [Fact]
    public async Task A_failure_after_an_answer_keeps_the_last_answer()
    {
        var drive = new FakeRemoteDrive();
        var time = new FakeTimeProvider(FakeRemoteDrive.Epoch);
        await using var fs = TestMount.Create(drive, time);
        var known = (await fs.GetStatisticsAsync(Token)).Ok();

        drive.AccountInfoFailure = new RemoteDriveException(FsError.Unavailable, "down");
        time.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal(known, (await fs.GetStatisticsAsync(Token)).Ok());
        Assert.Equal(2, drive.AccountInfoCalls);
    }
}
