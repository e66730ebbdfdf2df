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
                await bed.Client.MoveFolderAsync(folder.FolderId, null, "paced" + Random.Shared.Next(), Ct);
            }
        }));

        Assert.Equal(0, await bed.FloodRejectionsAsync());
        Assert.Equal(199, await bed.CallsAsync("folder/mv.cgi"));
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
