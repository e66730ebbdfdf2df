using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FsMount.Core.Remote;
using FsMount.Emulator;
using Microsoft.Extensions.Logging;

namespace FsMount.OneFichier.Tests.Support;

/// <summary>An emulator on loopback and a client talking to it over real HTTP, with every log line recorded.</summary>
internal sealed class TestBed : IAsyncDisposable
{
    private readonly string _dataDirectory;
    private readonly HttpClient _http;
    private readonly HttpClient _admin;
    private readonly ILoggerFactory _loggerFactory;

    private TestBed(string dataDirectory, EmulatorServer server, HttpClient http, HttpClient admin, RecordingLoggerProvider logs, ILoggerFactory loggerFactory, OneFichierClient client)
    {
        _dataDirectory = dataDirectory;
        Server = server;
        _http = http;
        _admin = admin;
        Logs = logs;
        _loggerFactory = loggerFactory;
        Client = client;
        Drive = new OneFichierDrive(client);
    }

    public EmulatorServer Server { get; }

    public OneFichierClient Client { get; }

    /// <summary>The drive over <see cref="Client"/>.</summary>
    public OneFichierDrive Drive { get; }

    public RecordingLoggerProvider Logs { get; }

    /// <summary>The emulator's own log, kept apart: it is not the client's output under test.</summary>
    public RecordingLoggerProvider EmulatorLogs { get; private init; } = new();

    private ILoggerFactory? _emulatorLoggerFactory;

    /// <summary>Client pacing fast enough for functional tests against the Relaxed emulator.</summary>
    public static void FastPacing(OneFichierOptions options)
    {
        options.CallsPerSecond = 200;
        options.CallBurst = 20;
        options.FolderListingSpacing = TimeSpan.FromMilliseconds(250);
        options.AnyListingSpacing = TimeSpan.Zero;
        options.RetryBaseDelay = TimeSpan.FromMilliseconds(20);
        options.RetryMaxDelay = TimeSpan.FromMilliseconds(200);
        options.FloodPause = TimeSpan.FromMilliseconds(500);
        options.MaxFloodPause = TimeSpan.FromSeconds(4);
        options.FloodRecoverySpacing = TimeSpan.FromMilliseconds(50);
        options.UploadReportDelay = TimeSpan.FromMilliseconds(50);
        options.MaxRetries = 10;
    }

    /// <param name="lostRequests">Requests lost on the way out, between the client and the emulator.</param>
    /// <summary><see cref="FastPacing"/>, then <paramref name="change"/>.</summary>
    public static Action<OneFichierOptions> FastPacingAnd(Action<OneFichierOptions> change) => options =>
    {
        FastPacing(options);
        change(options);
    };

    public static async Task<TestBed> StartAsync(
        EmulatorLimitsMode limits = EmulatorLimitsMode.Relaxed,
        EmulatorFaults? faults = null,
        Action<OneFichierOptions>? configure = null,
        string? clientKey = null,
        EmulatorSettings? emulator = null,
        LostRequests? lostRequests = null)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("fsmount-client-tests-").FullName;
        var emulatorLogs = new RecordingLoggerProvider();
        var emulatorLoggerFactory = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Debug).AddProvider(emulatorLogs));
        var defaults = new EmulatorOptions { DataDirectory = dataDirectory };
        var server = await EmulatorServer.StartAsync(
            new EmulatorOptions
            {
                DataDirectory = dataDirectory,
                ApiKey = "Key_" + Guid.NewGuid().ToString("N"),
                Limits = limits,
                Faults = faults ?? new EmulatorFaults(),
                LoggerFactory = emulatorLoggerFactory,
                StorageQuota = emulator?.StorageQuota ?? defaults.StorageQuota,
                MaxFileSize = emulator?.MaxFileSize ?? defaults.MaxFileSize,
                TimeProvider = emulator?.Clock ?? defaults.TimeProvider,
                AllowDuplicateFolderNames = emulator?.DuplicateFolderNames ?? defaults.AllowDuplicateFolderNames,
                RequestsPerSecond = emulator?.RequestsPerSecond,
                FolderListingInterval = emulator?.FolderListingInterval,
            },
            TestContext.Current.CancellationToken);
        var options = new OneFichierOptions { ApiBaseUrl = server.ApiUrl };
        (configure ?? FastPacing)(options);
        var logs = new RecordingLoggerProvider();
        var loggerFactory = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        HttpMessageHandler handler = new SocketsHttpHandler { AllowAutoRedirect = false };
        if (lostRequests is not null)
        {
            lostRequests.InnerHandler = handler;
            handler = lostRequests;
        }

        var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        var admin = new HttpClient { BaseAddress = server.AdminUrl };
        var client = new OneFichierClient(http, new OneFichierCredentials(clientKey ?? server.ApiKey), options, loggerFactory.CreateLogger<OneFichierClient>());
        return new TestBed(dataDirectory, server, http, admin, logs, loggerFactory, client) { EmulatorLogs = emulatorLogs, _emulatorLoggerFactory = emulatorLoggerFactory };
    }

    public async Task SetFaultsAsync(object faults)
    {
        using var response = await _admin.PostAsJsonAsync("faults", faults, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async Task LockAsync(double seconds)
    {
        using var response = await _admin.PostAsJsonAsync("lock", new { seconds }, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async Task<JsonObject> StatsAsync() =>
        (await _admin.GetFromJsonAsync<JsonObject>("stats", TestContext.Current.CancellationToken))!;

    public async Task<long> FloodRejectionsAsync() => (await StatsAsync())["floodRejections"]!.GetValue<long>();

    public async Task<long> CallsAsync(string endpoint)
    {
        var endpoints = (await StatsAsync())["endpoints"]!.AsObject();
        return endpoints.Where(e => e.Key.EndsWith(endpoint, StringComparison.Ordinal)).Sum(e => e.Value!["calls"]!.GetValue<long>());
    }

    /// <summary>KO answers of one endpoint with one code.</summary>
    public async Task<long> KoAsync(string endpoint, int code)
    {
        var endpoints = (await StatsAsync())["endpoints"]!.AsObject();
        return endpoints.Where(e => e.Key.EndsWith(endpoint, StringComparison.Ordinal))
            .Sum(e => e.Value!["ko"]![code.ToString(System.Globalization.CultureInfo.InvariantCulture)]?.GetValue<long>() ?? 0);
    }

    public async Task<long> DroppedResponsesAsync() => (await StatsAsync())["droppedResponses"]!.GetValue<long>();

    /// <summary>Makes the emulator lose every answer of the given endpoints after making the change.</summary>
    public Task DropResponsesAsync(params string[] endpoints) => SetFaultsAsync(new { dropResponseRate = 1.0, dropResponseEndpoints = endpoints });

    public async Task<UploadedFile> UploadBytesAsync(long folderId, string name, byte[] content)
    {
        using var stream = new MemoryStream(content);
        return await Client.UploadAsync(stream, content.Length, folderId, name, null, TestContext.Current.CancellationToken);
    }

    public Task<byte[]> DownloadAsync(UploadedFile file, long offset = 0, long? length = null) => DownloadAsync(file.Url, file.Size, offset, length ?? file.Size - offset);

    public Task<byte[]> DownloadAsync(RemoteFile file) => DownloadAsync(file.Id, file.Size, 0, file.Size);

    private async Task<byte[]> DownloadAsync(string url, long size, long offset, long length)
    {
        await using var stream = await Client.OpenDownload(url, size).OpenRangeAsync(offset, length, TestContext.Current.CancellationToken);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, TestContext.Current.CancellationToken);
        return copy.ToArray();
    }

    public static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var line in EmulatorLogs.Lines.Where(l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Warning", StringComparison.Ordinal)).Take(20))
        {
            TestContext.Current.TestOutputHelper?.WriteLine("emulator: " + line);
        }

        Drive.Dispose();
        Client.Dispose();
        _http.Dispose();
        _admin.Dispose();
        _loggerFactory.Dispose();
        await Server.DisposeAsync();
        _emulatorLoggerFactory?.Dispose();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
