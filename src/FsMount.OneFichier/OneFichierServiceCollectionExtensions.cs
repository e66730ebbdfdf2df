using FsMount.Core.Remote;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FsMount.OneFichier;

/// <summary>Registration of the 1fichier client and drive.</summary>
public static class OneFichierServiceCollectionExtensions
{
    /// <summary>The name of the <see cref="HttpClient"/> the client uses.</summary>
    public const string HttpClientName = "FsMount.OneFichier";

    /// <summary>
    /// Registers <see cref="OneFichierOptions"/> (validated), the credentials, a named
    /// <see cref="HttpClient"/> with no client-wide time-out and no redirect following,
    /// <see cref="OneFichierClient"/> and <see cref="OneFichierDrive"/> (also as <see cref="IRemoteDrive"/>),
    /// all singletons: one client means one pacing pipeline for the account.
    /// </summary>
    public static IServiceCollection AddOneFichier(this IServiceCollection services, Action<OneFichierOptions> configure, string apiKey)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var credentials = new OneFichierCredentials(apiKey);

        services.AddOptions<OneFichierOptions>().Configure(configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OneFichierOptions>, OneFichierOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(credentials);
        services.AddHttpClient(HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                // A healthy server accepts within a second; a host that drops packets is known sooner.
                ConnectTimeout = TimeSpan.FromSeconds(10),
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)

            // The client logs each call once, with its outcome and retries (see Log.ApiCall). The
            // factory's own loggers added four lines per request, and two stack traces per failed
            // attempt, and would name the download host's token URLs.
            .RemoveAllLoggers();
        services.AddSingleton(provider => new OneFichierClient(
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            provider.GetRequiredService<OneFichierCredentials>(),
            provider.GetRequiredService<IOptions<OneFichierOptions>>().Value,
            provider.GetService<ILogger<OneFichierClient>>(),
            provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<OneFichierDrive>();
        services.AddSingleton<IRemoteDrive>(provider => provider.GetRequiredService<OneFichierDrive>());
        return services;
    }
}
