using FsMount.Core;
using FsMount.Core.Vfs;
using FsMount.OneFichier;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FsMount.EndToEnd.Tests.Functional;

/// <summary>
/// The real core (<see cref="MountedFileSystem"/>) over the real 1fichier client and an emulated
/// account, in this process, paced as the mounts of the end-to-end tests are.
/// </summary>
internal sealed class InProcessFileSystem : IAsyncDisposable
{
    private const string Prefix = "FSMOUNT_";
    private readonly ServiceProvider _services;

    private InProcessFileSystem(ServiceProvider services, MountedFileSystem fileSystem)
    {
        _services = services;
        FileSystem = fileSystem;
    }

    public MountedFileSystem FileSystem { get; }

    public static async Task<InProcessFileSystem> StartAsync(EmulatedAccount account, string cacheDirectory)
    {
        // The same tuning the child mounts get through FSMOUNT_ variables ("OneFichier__CallsPerSecond").
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(account.FastEnvironment
                .Where(pair => pair.Key.StartsWith(Prefix, StringComparison.Ordinal))
                .Select(pair => KeyValuePair.Create(pair.Key[Prefix.Length..].Replace("__", ":", StringComparison.Ordinal), (string?)pair.Value)))
            .Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddOneFichier(
                options =>
                {
                    configuration.GetSection("OneFichier").Bind(options);
                    options.ApiBaseUrl = account.Server.ApiUrl;
                },
                account.Server.ApiKey)
            .BuildServiceProvider();
        var options = new FsMountOptions { CacheDirectory = cacheDirectory };
        configuration.GetSection("Core").Bind(options);
        var fileSystem = new MountedFileSystem(services.GetRequiredService<OneFichierDrive>(), Options.Create(options), TimeProvider.System, NullLoggerFactory.Instance);
        try
        {
            await fileSystem.InitializeAsync(TestContext.Current.CancellationToken);
            return new InProcessFileSystem(services, fileSystem);
        }
        catch
        {
            await fileSystem.DisposeAsync();
            await services.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await FileSystem.DisposeAsync();
        await _services.DisposeAsync();
    }
}
