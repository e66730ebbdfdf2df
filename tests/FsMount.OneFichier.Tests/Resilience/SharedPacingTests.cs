using FsMount.Emulator;
using FsMount.OneFichier.Tests.Support;

namespace FsMount.OneFichier.Tests.Resilience;

/// <summary>
/// Two clients of one account with one <see cref="OneFichierOptions.SharedPacingFile"/>, as two mounts (or a
/// mount and a command) on one host, against an emulator that enforces the service's limits on the account.
/// </summary>
public sealed class SharedPacingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fsmount-shared-pacing-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Each client alone stays under the emulator's 12 calls/s; both at once, each at its own 8/s, would
    // send 16/s and be flood-rejected within two seconds.
    [Fact]
    public async Task Two_clients_sharing_a_pacing_file_stay_within_the_account_rate_together()
    {
        await using var bed = await TestBed.StartAsync(
            EmulatorLimitsMode.Strict,
            configure: options => Share(options, callsPerSecond: 8),
            emulator: new EmulatorSettings(RequestsPerSecond: 12));
        using var http = new HttpClient();
        using var other = new OneFichierClient(http, new OneFichierCredentials(bed.Server.ApiKey), Share(new OneFichierOptions { ApiBaseUrl = bed.Server.ApiUrl }, callsPerSecond: 8));
        var first = await bed.Client.CreateFolderAsync(0, "first", Ct);
        var second = await other.CreateFolderAsync(0, "second", Ct);

        await Task.WhenAll(
            MoveAsync(bed.Client, first.FolderId, 24),
            MoveAsync(other, second.FolderId, 24));

        Assert.Equal(0, await bed.FloodRejectionsAsync());
        Assert.Equal(48, await bed.CallsAsync("folder/mv.cgi"));
    }

    // The emulator counts a listing when it arrives, some milliseconds after the client took its turn:
    // its interval is a little shorter than the clients' spacing so that jitter is not a flood.
    [Fact]
    public async Task Two_clients_sharing_a_pacing_file_list_one_folder_once_per_spacing_between_them()
    {
        await using var bed = await TestBed.StartAsync(
            EmulatorLimitsMode.Strict,
            configure: options => Share(options, callsPerSecond: 8),
            emulator: new EmulatorSettings(FolderListingInterval: TimeSpan.FromSeconds(1.5)));
        using var http = new HttpClient();
        using var other = new OneFichierClient(http, new OneFichierCredentials(bed.Server.ApiKey), Share(new OneFichierOptions { ApiBaseUrl = bed.Server.ApiUrl }, callsPerSecond: 8));

        await Task.WhenAll(bed.Client.ListFolderAsync(0, Ct), other.ListFolderAsync(0, Ct));

        Assert.Equal(0, await bed.FloodRejectionsAsync());
        Assert.Equal(2, await bed.CallsAsync("folder/ls.cgi"));
    }

    [Fact]
    public async Task Two_clients_sharing_a_pacing_file_ask_the_account_info_once_between_them()
    {
        await using var bed = await TestBed.StartAsync(EmulatorLimitsMode.Strict, configure: options => Share(options, callsPerSecond: 8));
        using var http = new HttpClient();
        using var other = new OneFichierClient(http, new OneFichierCredentials(bed.Server.ApiKey), Share(new OneFichierOptions { ApiBaseUrl = bed.Server.ApiUrl }, callsPerSecond: 8));

        var infos = await Task.WhenAll(bed.Client.GetAccountInfoAsync(Ct), other.GetAccountInfoAsync(Ct));
        var later = await other.GetAccountInfoAsync(Ct);

        Assert.Equal(infos[0], infos[1]);
        Assert.Equal(infos[0], later);
        Assert.Equal(1, await bed.CallsAsync("user/info.cgi"));
        Assert.Equal(0, await bed.FloodRejectionsAsync());
    }

    // Queued behind a lock-out, the first ask of the account's info takes longer than one call's time-out;
    // the other client waits for its answer instead of giving up or asking too.
    [Fact]
    public async Task A_client_waits_for_the_account_info_another_is_asking_through_a_flood_pause()
    {
        await using var bed = await TestBed.StartAsync(EmulatorLimitsMode.Strict, configure: options => Share(options, callsPerSecond: 8));
        using var http = new HttpClient();
        using var other = new OneFichierClient(http, new OneFichierCredentials(bed.Server.ApiKey), Share(new OneFichierOptions { ApiBaseUrl = bed.Server.ApiUrl, ApiCallTimeout = TimeSpan.FromSeconds(1) }, callsPerSecond: 8));
        await bed.LockAsync(2.5);
        var asking = bed.Client.GetAccountInfoAsync(Ct);

        var waited = await other.GetAccountInfoAsync(Ct);

        // The first client's attempts refused during the lock-out are counted too: one ask got through, its own.
        Assert.Equal(await asking, waited);
        Assert.Equal(1, await bed.CallsAsync("user/info.cgi") - await bed.FloodRejectionsAsync());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static async Task MoveAsync(OneFichierClient client, long folderId, int times)
    {
        for (var i = 0; i < times; i++)
        {
            await client.MoveFolderAsync(folderId, 0, "moved" + Guid.NewGuid().ToString("N"), Ct);
        }
    }

    private OneFichierOptions Share(OneFichierOptions options, double callsPerSecond)
    {
        options.CallsPerSecond = callsPerSecond;
        options.CallBurst = 1;
        options.FolderListingSpacing = TimeSpan.FromSeconds(2);
        options.AnyListingSpacing = TimeSpan.Zero;
        options.FloodPause = TimeSpan.FromSeconds(1);
        options.SharedPacingFile = Path.Combine(_folder, "account.pacing");
        return options;
    }
}
