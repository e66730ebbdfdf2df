using FsMount.Emulator.Admin;
using FsMount.Emulator.Endpoints;
using FsMount.Emulator.Faults;
using FsMount.Emulator.Limits;
using FsMount.Emulator.Remote;
using FsMount.Emulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace FsMount.Emulator.Hosting;

/// <summary>Composes the emulator's web application: services, the request gate and every endpoint group.</summary>
internal static class EmulatorHost
{
    /// <summary>Builds the application; <paramref name="builder"/> already carries the configuration and the bindings.</summary>
    /// <exception cref="ArgumentException">An option is out of range (checked before anything is written).</exception>
    public static (WebApplication App, string ApiKey) Build(EmulatorOptions options, WebApplicationBuilder builder)
    {
        LimitSettings limits = LimitSettings.From(options);
        // Without a given seed one is drawn, and logged when the emulator is ready, so a faulty run can be replayed.
        var faults = new FaultPlan(options.Faults, options.FaultSeed ?? Random.Shared.Next());
        var address = new PublicAddress(options.PublicUrl);

        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = null);

        // One line when ready is the emulator's own; per-request and lifetime chatter stays out.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        if (options.LoggerFactory is not null)
        {
            builder.Logging.ClearProviders();
            builder.Services.AddSingleton(options.LoggerFactory);
        }

        CreatePrivateDirectory(options.DataDirectory);
        (string apiKey, bool generated, string? keyFile) = ResolveApiKey(options);

        IServiceCollection services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(options.TimeProvider);
        services.AddSingleton(limits);
        services.AddSingleton(provider => new EmulatorStore(options.DataDirectory, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(new NameRules(options.ForbiddenNames));
        services.AddSingleton(address);
        services.AddSingleton(faults);
        services.AddSingleton(new ApiKeyCheck(apiKey));
        services.AddSingleton<FloodGuard>();
        services.AddSingleton(provider => new DownloadTokens(limits, options.SingleUseTokens, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<EmulatorStats>();
        services.AddSingleton<FaultedBodies>();
        services.AddSingleton<ResponseDropper>();
        services.AddSingleton<RequestGate>();
        services.AddSingleton<FolderEndpoints>();
        services.AddSingleton<FileEndpoints>();
        services.AddSingleton<DownloadEndpoints>();
        services.AddSingleton<UploadEndpoints>();
        services.AddSingleton<UserEndpoints>();
        services.AddSingleton<RemoteUploads>();
        services.AddSingleton<RemoteEndpoints>();
        services.AddSingleton<AdminEndpoints>();

        WebApplication app = builder.Build();
        ILogger logger = Logger(app);
        if (keyFile is not null)
        {
            if (generated)
            {
                Log.KeyGenerated(logger, keyFile);
            }
            else
            {
                Log.KeyReused(logger, keyFile);
            }
        }

        EmulatorStore store = app.Services.GetRequiredService<EmulatorStore>();
        if (store.CleanedAtStart > 0)
        {
            Log.Cleaned(logger, store.CleanedAtStart);
        }

        app.UseRouting();
        RequestGate gate = app.Services.GetRequiredService<RequestGate>();
        app.Use(gate.InvokeAsync);
        app.Services.GetRequiredService<FolderEndpoints>().Map(app);
        app.Services.GetRequiredService<FileEndpoints>().Map(app);
        app.Services.GetRequiredService<DownloadEndpoints>().Map(app);
        app.Services.GetRequiredService<UploadEndpoints>().Map(app);
        app.Services.GetRequiredService<UserEndpoints>().Map(app);
        app.Services.GetRequiredService<RemoteEndpoints>().Map(app);
        app.Services.GetRequiredService<AdminEndpoints>().Map(app);
        return (app, apiKey);
    }

    /// <summary>The configured key, or the data folder's stored or generated one (then with its file).</summary>
    private static (string Key, bool Generated, string? KeyFile) ResolveApiKey(EmulatorOptions options)
    {
        if (options.ApiKey is not null)
        {
            return (options.ApiKey, false, null);
        }

        return ApiKeyFile.LoadOrCreate(options.DataDirectory);
    }

    /// <summary>The emulator's own log category, whatever the hosting application is called.</summary>
    public static ILogger Logger(WebApplication app) =>
        app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("FsMount.Emulator");

    // The folder holds the key and the account's files: private to its owner when the emulator creates it.
    private static void CreatePrivateDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
