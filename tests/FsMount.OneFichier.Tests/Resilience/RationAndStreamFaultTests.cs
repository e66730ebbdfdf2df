using FsMount.Core.Errors;
using FsMount.Core.Remote;
using FsMount.OneFichier.Errors;
using FsMount.OneFichier.Tests.Support;

namespace FsMount.OneFichier.Tests.Resilience;

/// <summary>A rationed endpoint pauses alone; a download stream never hangs on a stalled body, and its failures are the drive's errors.</summary>
public sealed class RationAndStreamFaultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Account_info_asked_too_often_fails_alone_at_once_and_pauses_nobody()
    {
        // A flood pause longer than the test's patience: if #38 closed the gate, the listing below would wait it out.
        await using var bed = await TestBed.StartAsync(configure: TestBed.FastPacingAnd(o => o.FloodPause = o.MaxFloodPause = TimeSpan.FromMinutes(5)));
        await bed.Client.GetAccountInfoAsync(Ct);

        var rationed = await Assert.ThrowsAsync<OneFichierException>(() => bed.Client.GetAccountInfoAsync(Ct));
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        patience.CancelAfter(TimeSpan.FromSeconds(20));
        await bed.Client.ListFolderAsync(0, patience.Token);

        Assert.Equal((OneFichierErrorCodes.FloodUserInfo, OneFichierFailureKind.Rationed), (rationed.ErrorCode, rationed.Kind));
        Assert.Equal(2, await bed.CallsAsync("user/info.cgi"));
        Assert.Equal(FsError.Unavailable, OneFichierErrorMapper.ToFsError(rationed));
    }

    [Fact]
    public async Task A_stalled_download_body_is_dropped_after_the_idle_time_out_and_resumed_to_the_exact_bytes()
    {
        await using var bed = await TestBed.StartAsync(configure: TestBed.FastPacingAnd(o => o.DownloadIdleTimeout = TimeSpan.FromMilliseconds(300)));
        var content = TestBed.RandomBytes(2 * 1024 * 1024);
        var file = await bed.UploadBytesAsync(0, "stalls.bin", content);
        await bed.SetFaultsAsync(new { stallRate = 0.5, stallMs = 60_000, seed = 7 });

        using var patience = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        patience.CancelAfter(TimeSpan.FromSeconds(30));
        var reader = await bed.Drive.OpenReadAsync(AsRemote(file), patience.Token);
        await using var stream = await reader.OpenRangeAsync(0, content.Length, patience.Token);
        var read = new MemoryStream();
        await stream.CopyToAsync(read, patience.Token);

        Assert.Equal(content, read.ToArray());
        Assert.True(await bed.CallsAsync("{token}") >= 2, "the stalled body was never resumed");
        Assert.Contains(bed.Logs.Lines, line => line.Contains("resuming", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_file_deleted_while_a_broken_download_resumes_fails_the_read_with_not_found()
    {
        await using var bed = await TestBed.StartAsync(configure: TestBed.FastPacingAnd(o => o.DownloadTokenLifetime = TimeSpan.FromMilliseconds(1)));
        var content = TestBed.RandomBytes(4 * 1024 * 1024);
        var file = await bed.UploadBytesAsync(0, "gone.bin", content);
        // The body breaks half-way, and the file is gone by the time the stream resumes.
        await bed.SetFaultsAsync(new { resetRate = 1.0 });
        var reader = await bed.Drive.OpenReadAsync(AsRemote(file), Ct);
        await using var stream = await reader.OpenRangeAsync(0, content.Length, Ct);
        var buffer = new byte[64 * 1024];
        await stream.ReadExactlyAsync(buffer, Ct);
        await bed.Client.RemoveFilesAsync([file.Url], Ct);

        var failure = await Assert.ThrowsAsync<RemoteDriveException>(async () =>
        {
            while (await stream.ReadAsync(buffer, Ct) > 0)
            {
            }
        });

        Assert.Equal(FsError.NotFound, failure.Error);
    }

    private static RemoteFile AsRemote(UploadedFile file) =>
        new(file.Url, file.Url[(file.Url.IndexOf('?', StringComparison.Ordinal) + 1)..], file.Name, file.Size, file.Uploaded, file.Whirlpool, null);
}
