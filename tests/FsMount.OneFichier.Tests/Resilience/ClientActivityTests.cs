using FsMount.OneFichier.Tests.Support;
using FsMount.Testing;

namespace FsMount.OneFichier.Tests.Resilience;

/// <summary>
/// What the client tells status (<see cref="OneFichierClient.Activity"/>): calls per endpoint, which the
/// emulator's own counters confirm, and the pauses in force (a flood lock-out, a listing's spacing).
/// </summary>
public sealed class ClientActivityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Calls_per_endpoint_are_the_calls_the_service_received()
    {
        await using var bed = await TestBed.StartAsync();
        await bed.Client.ListFolderAsync(0, Ct);
        await bed.Client.CreateFolderAsync(0, "a", Ct);
        await bed.Client.CreateFolderAsync(0, "b", Ct);
        await bed.Client.GetAccountInfoAsync(Ct);

        var calls = bed.Client.Activity.Calls.ToDictionary(call => call.Endpoint, call => call.Calls);

        Assert.Equal(await bed.CallsAsync("/folder/ls.cgi"), calls["folder/ls.cgi"]);
        Assert.Equal(await bed.CallsAsync("/folder/mkdir.cgi"), calls["folder/mkdir.cgi"]);
        Assert.Equal(await bed.CallsAsync("/user/info.cgi"), calls["user/info.cgi"]);
        Assert.Equal(2, calls["folder/mkdir.cgi"]);
        Assert.Equal("folder/mkdir.cgi", bed.Client.Activity.Calls[0].Endpoint);
    }

    [Fact]
    public async Task A_flood_lock_out_shows_as_a_pause_of_every_call_until_it_ends()
    {
        await using var bed = await TestBed.StartAsync(configure: TestBed.FastPacingAnd(options => options.FloodPause = TimeSpan.FromSeconds(3)));
        await bed.LockAsync(0.5);

        var listing = bed.Client.ListFolderAsync(0, Ct);
        await Eventually.TrueAsync(() => bed.Client.Activity.Pauses.Count > 0, "the client reports the pause");
        var pause = Assert.Single(bed.Client.Activity.Pauses);
        await listing;

        Assert.Equal("every API call", pause.What);
        Assert.Contains("flood", pause.Why, StringComparison.Ordinal);
        Assert.Contains("folder/ls.cgi", pause.Why, StringComparison.Ordinal);
        Assert.InRange(pause.Until - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(-5), TimeSpan.FromSeconds(3));
        Assert.Empty(bed.Client.Activity.Pauses);
    }

    [Fact]
    public async Task A_listing_waiting_for_its_spacing_shows_as_a_pause_of_that_listing()
    {
        await using var bed = await TestBed.StartAsync(configure: TestBed.FastPacingAnd(options => options.FolderListingSpacing = TimeSpan.FromSeconds(2)));
        await bed.Client.ListFolderAsync(0, Ct);

        var second = bed.Client.ListFolderAsync(0, Ct);
        await Eventually.TrueAsync(() => bed.Client.Activity.Pauses.Count > 0, "the client reports the listing's wait");
        var pause = Assert.Single(bed.Client.Activity.Pauses);
        await second;

        Assert.Equal("the listing of folder 0", pause.What);
        Assert.Contains("one listing per folder every 2 s", pause.Why, StringComparison.Ordinal);
        Assert.Empty(bed.Client.Activity.Pauses);
    }
}
