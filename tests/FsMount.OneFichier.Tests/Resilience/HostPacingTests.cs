using FsMount.OneFichier.Resilience;
using FsMount.OneFichier.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace FsMount.OneFichier.Tests.Resilience;

/// <summary>
/// Two <see cref="HostPacing"/>s on one file are two processes of one account on a host: each waits for
/// what the other did (listings, calls, flood pauses), through the file alone.
/// </summary>
public sealed class HostPacingTests : IDisposable
{
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(10);
    private static readonly OneFichierOptions s_listingsOnly = new() { CallsPerSecond = 1_000, CallBurst = 100, FolderListingSpacing = TimeSpan.FromSeconds(30), AnyListingSpacing = TimeSpan.Zero };

    private readonly string _folder = Directory.CreateTempSubdirectory("fsmount-host-pacing-").FullName;
    private readonly FakeTimeProvider _time = new();
    private readonly RecordingLoggerProvider _logs = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string PacingFile => Path.Combine(_folder, "account.pacing");

    [Fact]
    public async Task A_listing_by_one_process_holds_back_a_listing_of_the_same_folder_by_another()
    {
        var (first, second) = (Process(s_listingsOnly), Process(s_listingsOnly));
        await first.WaitTurnAsync(7, Ct);

        var waiting = second.WaitTurnAsync(7, Ct).AsTask();

        Assert.False(waiting.IsCompleted);
        Assert.Equal("the listing of folder 7", second.CurrentWait?.What);
        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(waiting.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));
        await waiting.WaitAsync(s_patience, Ct);
        Assert.Null(second.CurrentWait);
    }

    [Fact]
    public async Task A_listing_of_another_folder_goes_at_once()
    {
        var (first, second) = (Process(s_listingsOnly), Process(s_listingsOnly));
        await first.WaitTurnAsync(7, Ct);

        Assert.True(second.WaitTurnAsync(8, Ct).AsTask().IsCompletedSuccessfully);
    }

    [Fact]
    public async Task The_call_rate_is_one_for_both_processes()
    {
        var options = new OneFichierOptions { CallsPerSecond = 2, CallBurst = 1 };
        var (first, second) = (Process(options), Process(options));
        await first.WaitTurnAsync(null, Ct);

        var waiting = second.WaitTurnAsync(null, Ct).AsTask();

        Assert.False(waiting.IsCompleted);
        Assert.Null(second.CurrentWait);
        _time.Advance(TimeSpan.FromMilliseconds(499));
        Assert.False(waiting.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await waiting.WaitAsync(s_patience, Ct);
    }

    [Fact]
    public async Task A_burst_lets_that_many_calls_of_the_processes_start_together()
    {
        var options = new OneFichierOptions { CallsPerSecond = 2, CallBurst = 3 };
        var (first, second) = (Process(options), Process(options));

        Assert.True(first.WaitTurnAsync(null, Ct).AsTask().IsCompletedSuccessfully);
        Assert.True(second.WaitTurnAsync(null, Ct).AsTask().IsCompletedSuccessfully);
        Assert.True(first.WaitTurnAsync(null, Ct).AsTask().IsCompletedSuccessfully);
        Assert.False(second.WaitTurnAsync(null, Ct).AsTask().IsCompleted);
    }

    [Fact]
    public async Task A_flood_answer_to_one_process_stops_the_other_until_its_pause_ends()
    {
        var options = new OneFichierOptions();
        var (first, second) = (Process(options), Process(options));
        await first.RecordFloodAsync(_time.GetUtcNow() + TimeSpan.FromSeconds(30), "folder/ls.cgi");

        var waiting = second.WaitTurnAsync(null, Ct).AsTask();

        Assert.False(waiting.IsCompleted);
        Assert.Equal("every API call", second.CurrentWait?.What);
        Assert.Contains("\"flood detected\" to folder/ls.cgi", second.CurrentWait?.Why, StringComparison.Ordinal);
        _time.Advance(TimeSpan.FromSeconds(30));
        await waiting.WaitAsync(s_patience, Ct);
    }

    [Fact]
    public async Task A_shorter_flood_pause_does_not_cut_a_longer_one_short()
    {
        var options = new OneFichierOptions();
        var (first, second) = (Process(options), Process(options));
        await first.RecordFloodAsync(_time.GetUtcNow() + TimeSpan.FromSeconds(60), "folder/ls.cgi");
        await second.RecordFloodAsync(_time.GetUtcNow() + TimeSpan.FromSeconds(30), "file/mv.cgi");

        var waiting = second.WaitTurnAsync(null, Ct).AsTask();

        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.False(waiting.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(30));
        await waiting.WaitAsync(s_patience, Ct);
    }

    [Fact]
    public async Task A_listing_that_never_reached_the_service_gives_its_turn_back_to_every_process()
    {
        var (first, second) = (Process(s_listingsOnly), Process(s_listingsOnly));
        var turn = await first.WaitTurnAsync(7, Ct);

        await first.GiveBackAsync(Assert.NotNull(turn));

        Assert.True(second.WaitTurnAsync(7, Ct).AsTask().IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_turn_given_back_after_another_listing_took_the_folder_leaves_that_listing_in_force()
    {
        var (first, second) = (Process(s_listingsOnly), Process(s_listingsOnly));
        var failed = await first.WaitTurnAsync(7, Ct);
        _time.Advance(TimeSpan.FromSeconds(30));
        await second.WaitTurnAsync(7, Ct);

        await first.GiveBackAsync(Assert.NotNull(failed));

        Assert.False(first.WaitTurnAsync(7, Ct).AsTask().IsCompleted);
    }

    [Fact]
    public async Task One_process_asks_the_account_info_and_the_other_gets_its_answer_until_the_ration_ends()
    {
        var (first, second) = (Process(s_listingsOnly), Process(s_listingsOnly));
        var ration = TimeSpan.FromMinutes(5);

        var asked = await first.ClaimAccountInfoAskAsync(ration, Ct);
        var whileAsking = await second.ClaimAccountInfoAskAsync(ration, Ct);
        await first.EndAccountInfoAskAsync("{\"answer\":1}");
        var answered = await second.ClaimAccountInfoAskAsync(ration, Ct);
        _time.Advance(ration);
        var next = await second.ClaimAccountInfoAskAsync(ration, Ct);

        Assert.True(asked.Claimed);
        Assert.Equal(new AccountInfoClaim(false, null, false, asked.AskedAt), whileAsking);
        Assert.Equal(new AccountInfoClaim(false, "{\"answer\":1}", false, asked.AskedAt), answered);
        Assert.True(next.Claimed);
    }

    [Fact]
    public async Task Times_from_a_clock_an_hour_ahead_hold_calls_back_no_longer_than_pacing_ever_does()
    {
        var options = new OneFichierOptions { CallsPerSecond = 2, CallBurst = 1, FolderListingSpacing = TimeSpan.FromSeconds(30), MaxFloodPause = TimeSpan.FromMinutes(5) };
        var ahead = new FakeTimeProvider(_time.GetUtcNow() + TimeSpan.FromHours(1));
        var early = new HostPacing(PacingFile, options, ahead, CreateLogger());
        await early.WaitTurnAsync(7, Ct);
        await early.RecordFloodAsync(ahead.GetUtcNow() + TimeSpan.FromMinutes(5), "folder/ls.cgi");
        var pacing = Process(options);

        var listing = pacing.WaitTurnAsync(7, Ct).AsTask();

        // The longest flood pause, not the hour between the clocks.
        _time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromMilliseconds(1));
        Assert.False(listing.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await listing.WaitAsync(s_patience, Ct);
    }

    [Fact]
    public async Task A_listing_dated_an_hour_ahead_holds_its_folder_back_for_the_listing_spacing_only()
    {
        var ahead = new FakeTimeProvider(_time.GetUtcNow() + TimeSpan.FromHours(1));
        await new HostPacing(PacingFile, s_listingsOnly, ahead, CreateLogger()).WaitTurnAsync(7, Ct);
        var pacing = Process(s_listingsOnly);

        var listing = pacing.WaitTurnAsync(7, Ct).AsTask();

        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(listing.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));
        await listing.WaitAsync(s_patience, Ct);
    }

    [Fact]
    public async Task An_account_info_ask_that_failed_at_the_service_is_not_sent_again_by_another_process_within_the_ration()
    {
        var (first, second) = (Process(s_listingsOnly), Process(s_listingsOnly));
        var asked = await first.ClaimAccountInfoAskAsync(TimeSpan.FromMinutes(5), Ct);

        await first.EndAccountInfoAskAsync(null);

        Assert.Equal(new AccountInfoClaim(false, null, true, asked.AskedAt), await second.ClaimAccountInfoAskAsync(TimeSpan.FromMinutes(5), Ct));
    }

    [Fact]
    public async Task An_account_info_ask_that_never_reached_the_service_is_given_back()
    {
        var (first, second) = (Process(s_listingsOnly), Process(s_listingsOnly));
        var asked = await first.ClaimAccountInfoAskAsync(TimeSpan.FromMinutes(5), Ct);

        await first.GiveBackAccountInfoAskAsync(asked);

        Assert.True((await second.ClaimAccountInfoAskAsync(TimeSpan.FromMinutes(5), Ct)).Claimed);
    }

    [Fact]
    public async Task A_damaged_file_reads_as_no_pacing_at_all()
    {
        // Layout 2, two times, then a string length whose 7-bit encoding never ends.
        await File.WriteAllBytesAsync(PacingFile, [2, 0, 0, 0, .. new byte[16], 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], Ct);

        Assert.True(Process(s_listingsOnly).WaitTurnAsync(7, Ct).AsTask().IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_lock_held_past_the_patience_costs_one_wait_then_the_process_paces_alone_for_a_while()
    {
        var pacing = new HostPacing(PacingFile, s_listingsOnly, _time, CreateLogger());
        await using var held = new FileStream(PacingFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        await pacing.WaitTurnAsync(7, Ct).AsTask().WaitAsync(s_patience, Ct);

        Assert.True(pacing.WaitTurnAsync(7, Ct).AsTask().IsCompletedSuccessfully);
        Assert.Contains("held it for more than 5 s", Assert.Single(_logs.Lines, line => line.StartsWith("Warning", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_torn_file_reads_as_no_pacing_at_all()
    {
        await File.WriteAllBytesAsync(PacingFile, [1, 0, 0, 0, 9, 9], Ct);

        Assert.True(Process(s_listingsOnly).WaitTurnAsync(7, Ct).AsTask().IsCompletedSuccessfully);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_file_is_created_readable_by_its_owner_only()
    {
        await Process(s_listingsOnly).WaitTurnAsync(7, Ct);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(PacingFile));
    }

    [Fact]
    public async Task A_file_that_cannot_be_used_leaves_each_process_its_own_pacing_with_one_warning()
    {
        var pacing = new HostPacing(Path.Combine(_folder, "missing", "account.pacing"), s_listingsOnly, _time, CreateLogger());

        Assert.True(pacing.WaitTurnAsync(7, Ct).AsTask().IsCompletedSuccessfully);
        Assert.True(pacing.WaitTurnAsync(7, Ct).AsTask().IsCompletedSuccessfully);

        var warning = Assert.Single(_logs.Lines, line => line.StartsWith("Warning", StringComparison.Ordinal));
        Assert.Contains("paced on their own", warning, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _logs.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private HostPacing Process(OneFichierOptions options) => new(PacingFile, options, _time, CreateLogger());

    private ILogger CreateLogger() => new LoggerFactory([_logs]).CreateLogger("pacing");
}
