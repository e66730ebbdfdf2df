using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FsMount.Core;
using FsMount.Core.Remote;
using FsMount.Core.Vfs;
using FsMount.Emulator;
using FsMount.OneFichier;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FsMount.WinFsp.Tests.Support;

/// <summary>
/// The real core over the emulator on loopback, configured as the Windows adapter configures it, and
/// the adapter's callbacks on it: what a WinFsp mount serves, minus WinFsp.
/// </summary>
internal sealed class EmulatedCore : IAsyncDisposable
{
    private readonly string _directory;
    private readonly EmulatorServer _server;
    private readonly ServiceProvider _services;
    private readonly HttpClient _admin;

    private EmulatedCore(string directory, EmulatorServer server, ServiceProvider services, MountedFileSystem fileSystem, TimeProvider time)
    {
        _directory = directory;
        _server = server;
        _services = services;
        _admin = new HttpClient { BaseAddress = server.AdminUrl };
        FileSystem = fileSystem;
        Core = new CoreFileSystem(fileSystem, new FileInfoEncoder(filesOffline: false), new ExplorerProbes(time), NullLogger.Instance);
    }

    public IRemoteDrive Drive => _services.GetRequiredService<IRemoteDrive>();

    public MountedFileSystem FileSystem { get; }

    public CoreFileSystem Core { get; }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <param name="seed">Puts files on the service before the mount first lists it.</param>
    /// <param name="time">The clock of the core and the probe cache (the real one by default).</param>
    public static async Task<EmulatedCore> StartAsync(Func<IRemoteDrive, Task>? seed = null, TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        var directory = Directory.CreateTempSubdirectory("fsmount-winfsp-tests-").FullName;
        var server = await EmulatorServer.StartAsync(
            new EmulatorOptions { DataDirectory = Path.Combine(directory, "emulator"), Limits = EmulatorLimitsMode.Relaxed },
            Token);
        var services = new ServiceCollection()
            .AddLogging()
            .AddOneFichier(
                options =>
                {
                    options.ApiBaseUrl = server.ApiUrl;
                    // The relaxed emulator still floods a folder listed twice within 0.2 s: keep above it.
                    options.CallsPerSecond = 500;
                    options.CallBurst = 50;
                    options.FolderListingSpacing = TimeSpan.FromMilliseconds(300);
                    options.AnyListingSpacing = TimeSpan.Zero;
                    options.UploadReportDelay = TimeSpan.FromMilliseconds(20);
                },
                server.ApiKey)
            .BuildServiceProvider();
        if (seed is not null)
        {
            await seed(services.GetRequiredService<IRemoteDrive>());
        }

        var options = new FsMountOptions { CacheDirectory = Path.Combine(directory, "cache"), WriteBackDelay = TimeSpan.Zero };
        WinFspMount.ConfigureCore(options);
        var fileSystem = new MountedFileSystem(services.GetRequiredService<IRemoteDrive>(), Options.Create(options), time, NullLoggerFactory.Instance);
        await fileSystem.InitializeAsync(Token);
        return new EmulatedCore(directory, server, services, fileSystem, time);
    }

    /// <summary>Uploads files into a folder in one request, as another client would have.</summary>
    public static async Task UploadAsync(IRemoteDrive drive, long folderId, params (string Name, byte[] Content)[] files)
    {
        var ticket = await drive.BeginUploadAsync(Token);
        var items = files.Select(file => new UploadItem(file.Name, file.Content.Length, () => new MemoryStream(file.Content))).ToList();
        Assert.All(await drive.UploadAsync(ticket, folderId, items, progress: null, Token), Assert.NotNull);
    }

    /// <summary>Waits (bounded, in real time) until everything staged is on the service.</summary>
    public async Task UploadAllAsync()
    {
        var left = await FileSystem.FlushUploadsAsync(TimeSpan.FromSeconds(30), null, Token);
        Assert.Equal(0, left.PendingFiles);
    }

    /// <summary>What the service holds in a folder, listed directly (not through the mount).</summary>
    public async Task<Dictionary<string, byte[]>> RemoteFilesAsync(long folderId)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var file in (await Drive.ListFolderAsync(folderId, Token)).Files)
        {
            await using var reader = await Drive.OpenReadAsync(file, Token);
            await using var stream = await reader.OpenRangeAsync(0, file.Size, Token);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, Token);
            files.Add(file.Name, copy.ToArray());
        }

        return files;
    }

    public async Task<long> FolderIdAsync(string name) =>
        (await Drive.ListFolderAsync(Drive.RootFolderId, Token)).Folders.Single(folder => folder.Name == name).Id;

    /// <summary>How many calls one endpoint (e.g. <c>/v1/folder/ls.cgi</c>) got so far.</summary>
    public async Task<long> CallsAsync(string endpoint) =>
        (await StatsAsync())["endpoints"]?[endpoint]?["calls"]?.GetValue<long>() ?? 0;

    /// <summary>Bytes the emulator's download host served so far.</summary>
    public async Task<long> BytesDownloadedAsync() => (await StatsAsync())["bytesDownloaded"]!.GetValue<long>();

    private async Task<JsonObject> StatsAsync() => (await _admin.GetFromJsonAsync<JsonObject>("stats", Token))!;

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        await FileSystem.DisposeAsync();
        await _services.DisposeAsync();
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
