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

    /// <summary>The environment that gives a child <c>fsmount</c> this account's key.</summary>
    public IReadOnlyDictionary<string, string> KeyEnvironment => new Dictionary<string, string> { ["FICHIER_API_KEY"] = Server.ApiKey };

    public static async Task<EmulatedAccount> StartAsync(EmulatorLimitsMode limits, CancellationToken cancellationToken)
    {
        var workDirectory = Directory.CreateTempSubdirectory("fsmount-e2e-").FullName;
        var server = await EmulatorServer.StartAsync(
            new EmulatorOptions { DataDirectory = Path.Combine(workDirectory, "emulator"), Limits = limits },
            cancellationToken);
        var services = new ServiceCollection()
            .AddLogging()
            .AddOneFichier(options => options.ApiBaseUrl = server.ApiUrl, server.ApiKey)
            .BuildServiceProvider();
        return new EmulatedAccount(workDirectory, server, services);
    }

    public string CreateDirectory(string name) => Directory.CreateDirectory(Path.Combine(WorkDirectory, name)).FullName;

    /// <summary>How many requests the emulator refused as a flood since it started.</summary>
    public async Task<long> FloodRejectionsAsync(CancellationToken cancellationToken)
    {
        var stats = await _admin.GetFromJsonAsync<JsonObject>("stats", cancellationToken);
        return stats!["floodRejections"]!.GetValue<long>();
    }

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        await _services.DisposeAsync();
        await Server.DisposeAsync();
        Directory.Delete(WorkDirectory, recursive: true);
    }
}
