using FsMount.Core;
using FsMount.Core.Vfs;
using FsMount.OneFichier;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FsMount.Cli.Commands;

/// <summary>
/// The service graph of a command that reaches an account without a mount: the 1fichier client with the
/// tuning of the config file and the environment, pacing its calls with the account's mounts and other
/// commands on this host (<see cref="SharedPacingLocation"/>), and the core over the account's cache folder (not
/// mounted: its saved listings and account info, and the same rules for asking the service again).
/// </summary>
internal static class AccountServices
{
    /// <summary>The account's cache folder: the one its mounts use by default, unless settings name another.</summary>
    public static string CacheDirectoryOf(MountSettings settings, string apiKey)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Path.GetFullPath(settings.CacheDirectory ?? CacheLocation.For(settings.ApiUrl.AbsoluteUri, apiKey));
    }

    public static ServiceProvider Build(MountSettings settings, string apiKey, string cacheDirectory)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOneFichier(
            options =>
            {
                settings.Tuning.GetSection("OneFichier").Bind(options);
                options.ApiBaseUrl = settings.ApiUrl;
                options.SharedPacingFile = SharedPacingLocation.For(settings.ApiUrl.AbsoluteUri, apiKey);
            },
            apiKey);
        services.AddOptions<FsMountOptions>()
            .Bind(settings.Tuning.GetSection("Core"))
            .Configure(options => options.CacheDirectory = cacheDirectory);
        services.AddSingleton<MountedFileSystem>();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }
}
