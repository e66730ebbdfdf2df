using FsMount.OneFichier.Resilience;
using Microsoft.Extensions.Time.Testing;

namespace FsMount.OneFichier.Tests.Resilience;

public sealed class ListingSpacerTests
{
    private static readonly OneFichierOptions s_options = new() { FolderListingSpacing = TimeSpan.FromSeconds(30), AnyListingSpacing = TimeSpan.Zero };

    [Fact]
    public async Task A_second_listing_of_a_folder_waits_its_turn()
    {
        var time = new FakeTimeProvider();
        var spacer = new ListingSpacer(s_options, time);
        await spacer.WaitTurnAsync(7, TestContext.Current.CancellationToken);

        Task<ListingClaim> second = spacer.WaitTurnAsync(7, TestContext.Current.CancellationToken);

        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(time.GetUtcNow(), (await second).Slot);
    }

    [Fact]
    public async Task A_turn_given_back_by_a_listing_that_never_reached_the_service_is_free_again()
    {
        var time = new FakeTimeProvider();
        var spacer = new ListingSpacer(s_options, time);
        ListingClaim failed = await spacer.WaitTurnAsync(7, TestContext.Current.CancellationToken);

        spacer.GiveBack(failed);
        Task<ListingClaim> retry = spacer.WaitTurnAsync(7, TestContext.Current.CancellationToken);

        Assert.True(retry.IsCompletedSuccessfully);
        Assert.Null(spacer.CurrentWait);
    }

    [Fact]
    public async Task Giving_back_leaves_the_turns_claimed_since_as_they_are()
    {
        var time = new FakeTimeProvider();
        var spacer = new ListingSpacer(s_options, time);
        ListingClaim failed = await spacer.WaitTurnAsync(7, TestContext.Current.CancellationToken);
        Task<ListingClaim> queued = spacer.WaitTurnAsync(7, TestContext.Current.CancellationToken);

        spacer.GiveBack(failed);
        Task<ListingClaim> after = spacer.WaitTurnAsync(7, TestContext.Current.CancellationToken);

        time.Advance(TimeSpan.FromSeconds(30));
        Assert.True(queued.IsCompletedSuccessfully);
        Assert.False(after.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.True(after.IsCompletedSuccessfully);
    }
}
