using FsMount.Emulator;
using FsMount.OneFichier.Tests.Support;

namespace FsMount.OneFichier.Tests.Resilience;

public sealed class PacingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // About 100 s at the default 2 calls/s: the one test that runs the client at its real pacing
    // against the emulator's documented limits (3 calls/s).
    [Fact]
    public async Task A_burst_of_200_calls_from_8_callers_at_default_pacing_is_never_flood_rejected()
    {
        await using var bed = await TestBed.StartAsync(EmulatorLimitsMode.Strict, configure: _ => { });
        var folder = await bed.Client.CreateFolderAsync(0, "paced", Ct);
        var remaining = 199;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                await bed.Client.MoveFolderAsync(folder.FolderId, 0, "paced" + Random.Shared.Next(), Ct);
            }
        }));

        Assert.Equal(0, await bed.FloodRejectionsAsync());
        Assert.Equal(199, await bed.CallsAsync("folder/mv.cgi"));
    }

    [Fact]
    public async Task Ranged_reads_on_a_token_take_no_api_rate_token()
    {
        await using var bed = await TestBed.StartAsync();
        var content = TestBed.RandomBytes(64 * 1024);
        var uploaded = await bed.UploadBytesAsync(0, "a.bin", content);

        // One call per 1000 s after the first: the token call takes the only rate token, so a paced range
        // would wait until the 30 s cancellation fails the test.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        var options = new OneFichierOptions { ApiBaseUrl = bed.Server.ApiUrl, CallsPerSecond = 0.001, CallBurst = 1 };
        using var http = new HttpClient();
        using var slow = new OneFichierClient(http, new OneFichierCredentials(bed.Server.ApiKey), options);
        var download = slow.OpenDownload(uploaded.Url, uploaded.Size);
        for (var offset = 0; offset < content.Length; offset += 8 * 1024)
        {
            await using var stream = await download.OpenRangeAsync(offset, 8 * 1024, deadline.Token);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, deadline.Token);
            Assert.Equal(content.AsSpan(offset, 8 * 1024).ToArray(), copy.ToArray());
        }

        Assert.Equal(1, await bed.CallsAsync("download/get_token.cgi"));
        Assert.Equal(8, await bed.CallsAsync("/{token}"));
    }

    [Fact]
    public async Task A_second_listing_of_the_same_folder_waits_for_its_spacing()
    {
        await using var bed = await TestBed.StartAsync(configure: o =>
        {
            TestBed.FastPacing(o);
            o.FolderListingSpacing = TimeSpan.FromSeconds(1);
        });
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await bed.Client.ListFolderAsync(0, Ct);
        await bed.Client.ListFolderAsync(0, Ct);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(0.95), $"two listings took {watch.Elapsed}");
        Assert.Equal(0, await bed.FloodRejectionsAsync());
    }
}
