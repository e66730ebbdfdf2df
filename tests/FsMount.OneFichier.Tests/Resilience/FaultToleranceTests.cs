using System.Diagnostics;
using FsMount.Core.Errors;
using FsMount.Core.Remote;
using FsMount.Emulator;
using FsMount.OneFichier.Errors;
using FsMount.OneFichier.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FsMount.OneFichier.Tests.Resilience;

public sealed class FaultToleranceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Downloads_broken_mid_stream_resume_to_the_exact_bytes()
    {
        await using var bed = await TestBed.StartAsync(configure: o =>
        {
            TestBed.FastPacing(o);
            o.MaxDownloadResumes = 20;
        });
        var content = TestBed.RandomBytes(4 * 1024 * 1024);
        var file = await bed.UploadBytesAsync(0, "movie.mkv", content);
        await bed.SetFaultsAsync(new { resetRate = 0.5 });

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(content, await bed.DownloadAsync(file));
            Assert.Equal(content.AsSpan(123_456, 2_000_000).ToArray(), await bed.DownloadAsync(file, 123_456, 2_000_000));
        }

        Assert.Contains(bed.Logs.Lines, l => l.Contains("resuming", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Uploads_broken_mid_body_start_again_and_store_the_exact_bytes()
    {
        await using var bed = await TestBed.StartAsync(configure: o =>
        {
            TestBed.FastPacing(o);
            o.MaxUploadAttempts = 30;
        });
        await bed.SetFaultsAsync(new { resetRate = 0.5 });
        var content = TestBed.RandomBytes(2 * 1024 * 1024);
        UploadedFile file = null!;
        for (var i = 0; i < 8; i++)
        {
            file = await bed.UploadBytesAsync(0, $"part{i}.bin", content);
        }

        Assert.Contains(bed.Logs.Lines, l => l.Contains("starting again on a new node", StringComparison.Ordinal));
        await bed.SetFaultsAsync(new { resetRate = 0.0 });
        Assert.Equal(content, await bed.DownloadAsync(file));
        Assert.Equal(8, (await bed.Client.ListFilesAsync(0, Ct)).Items!.Count);
    }

    [Fact]
    public async Task Server_errors_are_retried_until_calls_succeed()
    {
        await using var bed = await TestBed.StartAsync();
        var folder = await bed.Client.CreateFolderAsync(0, "f", Ct);
        var file = await bed.UploadBytesAsync(folder.FolderId, "x.txt", TestBed.RandomBytes(5000));
        await bed.SetFaultsAsync(new { serverErrorRate = 0.4 });
        for (var i = 0; i < 15; i++)
        {
            Assert.Equal(5000, (await bed.Client.GetFileInfoAsync(file.Url, Ct)).Size);
        }

        Assert.Single((await bed.Client.ListFolderAsync(folder.FolderId, Ct)).Items!);
        Assert.True((await bed.StatsAsync())["serverErrors"]!.GetValue<long>() > 0, "the fault never fired, so nothing was tested");
    }

    [Theory]
    [InlineData("endPageHtmlRate")]
    [InlineData("endPageNoLinksRate")]
    public async Task An_unusable_upload_report_is_replaced_by_finding_the_file_despite_listing_lag(string fault)
    {
        await using var bed = await TestBed.StartAsync();
        var folder = await bed.Client.CreateFolderAsync(0, "in", Ct);
        await bed.UploadBytesAsync(folder.FolderId, "same.bin", TestBed.RandomBytes(10));
        await bed.SetFaultsAsync(new Dictionary<string, double> { [fault] = 1, ["listingLagMs"] = 600 });
        var content = TestBed.RandomBytes(3000);

        var file = await bed.UploadBytesAsync(folder.FolderId, "same.bin", content);

        Assert.Equal(3000, file.Size);
        Assert.Equal("same.bin", file.Name);
        Assert.Equal(content, await bed.DownloadAsync(file));
    }

    [Fact]
    public async Task A_forced_flood_lock_is_waited_out_by_every_caller()
    {
        await using var bed = await TestBed.StartAsync();
        var file = await bed.UploadBytesAsync(0, "x.txt", TestBed.RandomBytes(100));
        await bed.LockAsync(2);
        var watch = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            for (var i = 0; i < 3; i++)
            {
                await bed.Client.GetFileInfoAsync(file.Url, Ct);
            }
        }));

        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(1.5), $"finished in {watch.Elapsed}: the lock was not in force");
        // 8 callers were in flight when the lock was found; after that only the gate's lone probes may hit it.
        var rejections = await bed.FloodRejectionsAsync();
        Assert.InRange(rejections, 1, 8 + 4);
        Assert.Contains(bed.Logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("every call pauses", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_call_waiting_out_a_flood_pause_returns_at_once_when_its_caller_gives_up()
    {
        await using var bed = await TestBed.StartAsync();
        var file = await bed.UploadBytesAsync(0, "x.txt", TestBed.RandomBytes(100));
        await bed.LockAsync(60);
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            using var first = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            first.CancelAfter(TimeSpan.FromSeconds(2));
            await bed.Client.GetFileInfoAsync(file.Url, first.Token);
        });

        // The account is paused now: a caller that stops waiting (Ctrl-C on ls, an unmount) is let go
        // at once, not when the pause ends.
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        giveUp.CancelAfter(TimeSpan.FromMilliseconds(300));
        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => bed.Client.GetFileInfoAsync(file.Url, giveUp.Token));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"the waiting call returned after {watch.Elapsed}");
    }

    [Fact]
    public async Task A_bad_key_fails_fast_with_one_clear_error_and_no_retry()
    {
        await using var bed = await TestBed.StartAsync(clientKey: "WrongKey_" + Guid.NewGuid().ToString("N"));

        var error = await Assert.ThrowsAsync<OneFichierException>(() => bed.Client.ListFolderAsync(0, Ct));

        Assert.Equal(OneFichierErrorCodes.NoSuchUser, error.ErrorCode);
        Assert.Equal(OneFichierFailureKind.Permanent, error.Kind);
        Assert.Contains("No such user", error.Message, StringComparison.Ordinal);
        // Exactly one call reached the service: no retry, no waiting.
        Assert.Equal(1, await bed.CallsAsync("folder/ls.cgi"));
        Assert.DoesNotContain(bed.Logs.Lines, l => l.Contains(": retry ", StringComparison.Ordinal));

        using var drive = new OneFichierDrive(bed.Client);
        var mapped = await Assert.ThrowsAsync<RemoteDriveException>(() => drive.ListFolderAsync(0, Ct));
        Assert.Equal(FsError.AccessDenied, mapped.Error);
    }

    [Fact]
    public async Task The_api_key_never_appears_in_logs_or_exception_messages()
    {
        await using var bed = await TestBed.StartAsync();
        var key = bed.Server.ApiKey;
        var messages = new List<string>();
        var file = await bed.UploadBytesAsync(0, "secret.bin", TestBed.RandomBytes(300_000));
        await bed.DownloadAsync(file);
        await bed.SetFaultsAsync(new { serverErrorRate = 0.3, resetRate = 0.3 });
        await bed.DownloadAsync(file);
        await bed.Client.ListFolderAsync(0, Ct);
        await bed.SetFaultsAsync(new { serverErrorRate = 0.0, resetRate = 0.0 });
        await bed.LockAsync(0.5);
        await bed.Client.GetAccountInfoAsync(Ct);
        messages.Add((await Assert.ThrowsAsync<OneFichierException>(() => bed.Client.GetFileInfoAsync(file.Url + "zz", Ct))).ToString());
        messages.Add(new OneFichierCredentials(key).ToString());
        messages.Add(Assert.Throws<ArgumentException>(() => new OneFichierCredentials(key + " x")).ToString());

        Assert.NotEmpty(bed.Logs.Lines);
        Assert.DoesNotContain(bed.Logs.Lines, l => l.Contains(key, StringComparison.Ordinal));
        Assert.DoesNotContain(messages, m => m.Contains(key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_retried_call_logs_one_line_per_retry_with_its_reason_and_no_stack_trace()
    {
        // Through the registration the mount uses, so whatever logs it brings along (the HTTP client's) is heard too.
        const string Key = "KeyThatMustNotLeak_0123456789";
        var logs = new RecordingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddOneFichier(
            options =>
            {
                TestBed.FastPacing(options);
                options.MaxRetries = 2;
                options.ApiBaseUrl = new Uri($"http://127.0.0.1:{Ports.Closed()}/v1/");
            },
            Key);
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<OneFichierClient>();

        await Assert.ThrowsAnyAsync<Exception>(() => client.ListFolderAsync(0, Ct));

        var lines = logs.Lines.ToArray();
        var retries = lines.Where(l => l.Contains(": retry ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, retries.Length);
        Assert.All(retries, l => Assert.Contains("folder/ls.cgi", l, StringComparison.Ordinal));
        Assert.All(retries, l => Assert.Contains("Connection refused", l, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("   at ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(Key, StringComparison.Ordinal));

        // The two retries and the call's own line, nothing else.
        Assert.True(lines.Length == 3, string.Join(Environment.NewLine, lines));
    }
}
