using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FsMount.Emulator;
using FsMount.OneFichier;
using Microsoft.Extensions.DependencyInjection;

namespace FsMount.EndToEnd.Tests;

/// <summary>
/// An emulated 1fichier account on loopback, in a temporary folder, with a client built the way
/// the <c>fsmount</c> command builds it (default pacing, so the service's limits are respected).
/// </summary>
internal sealed class EmulatedAccount : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly HttpClient _admin;

    private EmulatedAccount(string workDirectory, EmulatorServer server, ServiceProvider services)
    {
        WorkDirectory = workDirectory;
        Server = server;
        _services = services;
        _admin = new HttpClient { BaseAddress = server.AdminUrl };
        Client = services.GetRequiredService<OneFichierClient>();
    }

    /// <summary>A private temporary folder for the test's own files (mountpoint, local copies).</summary>
    public string WorkDirectory { get; }

    public EmulatorServer Server { get; }

    public OneFichierClient Client { get; }

    /// <summary>The mount's cache folder (staged files, upload journal), private to this test.</summary>
    public string CacheDirectory => Path.Combine(WorkDirectory, "cache");

    /// <summary>The options that point a child <c>fsmount mount</c> at this account and its cache folder, then <paramref name="extra"/>.</summary>
    public string[] MountArguments(params string[] extra) => MountArgumentsWithCache(CacheDirectory, extra);

    /// <summary>The same with another cache folder (a second mount, or one that starts empty).</summary>
    public string[] MountArgumentsWithCache(string cacheDirectory, params string[] extra) => ["--api-url", Server.ApiUrl.AbsoluteUri, "--cache-dir", cacheDirectory, .. extra];

    /// <summary>
    /// The key, and pacing for an emulator with relaxed limits: calls as fast as it takes them, so tests
    /// that copy many files spend their time on the mount, not on the service's real rations.
    /// </summary>
    public IReadOnlyDictionary<string, string> FastEnvironment => new Dictionary<string, string>
    {
        ["FICHIER_API_KEY"] = Server.ApiKey,
        ["FSMOUNT_OneFichier__CallsPerSecond"] = "200",
        ["FSMOUNT_OneFichier__CallBurst"] = "20",
        ["FSMOUNT_OneFichier__FolderListingSpacing"] = "00:00:00.5",
        ["FSMOUNT_OneFichier__FloodPause"] = "00:00:01",
        ["FSMOUNT_OneFichier__MaxFloodPause"] = "00:00:02",
        ["FSMOUNT_OneFichier__FloodRecoverySpacing"] = "00:00:00.05",
        ["FSMOUNT_OneFichier__UploadReportDelay"] = "00:00:00.1",
        ["FSMOUNT_OneFichier__AnyListingSpacing"] = "00:00:00",
        ["FSMOUNT_OneFichier__RetryBaseDelay"] = "00:00:00.05",
        ["FSMOUNT_OneFichier__RetryMaxDelay"] = "00:00:01",
        ["FSMOUNT_Core__UploadRetryDelay"] = "00:00:00.2",
        // An upload refused for a reason retrying soon cannot heal waits the longest (5 minutes by
        // default); under the model test's dropped answers some uploads fail that way once and then
        // succeed, and the unmount's flush must not wait minutes for them.
        ["FSMOUNT_Core__MaxUploadRetryDelay"] = "00:00:01",
    };

    /// <summary>The environment that gives a child <c>fsmount</c> this account's key.</summary>
    public IReadOnlyDictionary<string, string> KeyEnvironment => new Dictionary<string, string> { ["FICHIER_API_KEY"] = Server.ApiKey };

    public static Task<EmulatedAccount> StartAsync(EmulatorLimitsMode limits, CancellationToken cancellationToken) =>
        StartAsync(limits, requestsPerSecond: null, folderListingInterval: null, cancellationToken);

    /// <summary>The same, with the preset's call rate or listing interval replaced, so a test of pacing runs in seconds.</summary>
    public static async Task<EmulatedAccount> StartAsync(EmulatorLimitsMode limits, double? requestsPerSecond, TimeSpan? folderListingInterval, CancellationToken cancellationToken)
    {
        var workDirectory = Directory.CreateTempSubdirectory("fsmount-e2e-").FullName;
        var server = await EmulatorServer.StartAsync(
            new EmulatorOptions
            {
                DataDirectory = Path.Combine(workDirectory, "emulator"),
                Limits = limits,
                RequestsPerSecond = requestsPerSecond,
                FolderListingInterval = folderListingInterval,
            },
            cancellationToken);
        var services = new ServiceCollection()
            .AddLogging()
            .AddOneFichier(options => options.ApiBaseUrl = server.ApiUrl, server.ApiKey)
            .BuildServiceProvider();
        return new EmulatedAccount(workDirectory, server, services);
    }

    public string CreateDirectory(string name) => Directory.CreateDirectory(Path.Combine(WorkDirectory, name)).FullName;

    /// <summary>How many requests the emulator refused as a flood since it started.</summary>
    public async Task<long> FloodRejectionsAsync(CancellationToken cancellationToken) =>
        (await StatsAsync(cancellationToken))["floodRejections"]!.GetValue<long>();

    /// <summary>How many calls one endpoint (e.g. <c>/upload.cgi</c>, <c>/v1/folder/ls.cgi</c>) got since the emulator started.</summary>
    public async Task<long> CallsAsync(string endpoint, CancellationToken cancellationToken) =>
        (await StatsAsync(cancellationToken))["endpoints"]?[endpoint]?["calls"]?.GetValue<long>() ?? 0;

    /// <summary>Answers the emulator dropped after committing the change (its fault), and 5xx it injected.</summary>
    public async Task<(long Dropped, long ServerErrors)> InjectedFaultsAsync(CancellationToken cancellationToken)
    {
        var stats = await StatsAsync(cancellationToken);
        return (stats["droppedResponses"]!.GetValue<long>(), stats["serverErrors"]!.GetValue<long>());
    }

    /// <summary>Upload request bytes the emulator received so far.</summary>
    public async Task<long> BytesUploadedAsync(CancellationToken cancellationToken) =>
        (await StatsAsync(cancellationToken))["bytesUploaded"]!.GetValue<long>();

    /// <summary>Download bytes the emulator served so far.</summary>
    public async Task<long> BytesDownloadedAsync(CancellationToken cancellationToken) =>
        (await StatsAsync(cancellationToken))["bytesDownloaded"]!.GetValue<long>();

    /// <summary>Downloads the client closed before their body ended.</summary>
    public async Task<long> AbortedDownloadsAsync(CancellationToken cancellationToken) =>
        (await StatsAsync(cancellationToken))["abortedDownloads"]!.GetValue<long>();

    /// <summary>Every call the emulator answered, all endpoints together.</summary>
    public async Task<long> AllCallsAsync(CancellationToken cancellationToken) =>
        (await StatsAsync(cancellationToken))["endpoints"]!.AsObject().Sum(endpoint => endpoint.Value!["calls"]!.GetValue<long>());

    /// <summary>Changes the emulator's faults at run time (admin API keys, e.g. <c>bandwidthPerStream</c>).</summary>
    public async Task SetFaultsAsync(JsonObject faults, CancellationToken cancellationToken)
    {
        using var response = await _admin.PostAsJsonAsync("faults", faults, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Locks every caller out for <paramref name="duration"/>, as the service does after a flood (admin <c>lock</c>).</summary>
    public async Task LockOutAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        using var response = await _admin.PostAsJsonAsync("lock", new JsonObject { ["seconds"] = duration.TotalSeconds }, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private async Task<JsonObject> StatsAsync(CancellationToken cancellationToken) =>
        (await _admin.GetFromJsonAsync<JsonObject>("stats", cancellationToken))!;

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        await _services.DisposeAsync();
        await Server.DisposeAsync();
        Directory.Delete(WorkDirectory, recursive: true);
    }
}
