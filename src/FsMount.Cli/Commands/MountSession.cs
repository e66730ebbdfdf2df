using FsMount.Core;
using FsMount.Core.Errors;
using FsMount.Core.Vfs;
using FsMount.Cli.Logging;
using FsMount.Emulator;
using FsMount.Fuse;
using FsMount.OneFichier;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace FsMount.Cli.Commands;

/// <summary>
/// One mount from start to unmount: start-up checks, the optional in-process emulator, the
/// service graph, the FUSE session and clean shutdown on SIGTERM/SIGINT.
/// </summary>
internal static class MountSession
{
    public static async Task<int> RunAsync(MountSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            var apiKey = settings.UseEmulator ? null : ApiKeySource.Find(settings.ApiKeyFile) ?? throw NoKey();
            var mountPoint = WhenMountFails(() => FuseMount.CheckCanMount(settings.MountPoint));

            await using var demo = settings.UseEmulator
                ? await DemoAccount.StartAsync(settings.EmulatorDirectory, cancellationToken)
                : null;
            var apiUrl = demo?.Server.ApiUrl ?? settings.ApiUrl;
            apiKey ??= demo!.Server.ApiKey;

            var logGate = new StartupLogGate(settings.Verbose);
            await using var services = BuildServices(apiUrl, apiKey, logGate);
            if (demo is not null)
            {
                await demo.FillWhenNewAsync(services.GetRequiredService<OneFichierClient>(), cancellationToken);
            }

            var fileSystem = services.GetRequiredService<MountedFileSystem>();
            await InitializeAsync(fileSystem, cancellationToken);

            var loggerFactory = services.GetRequiredService<ILoggerFactory>();
            var mountOptions = new FuseMountOptions { AllowOther = settings.AllowOther };
            await using var mount = WhenMountFails(() => FuseMount.Mount(mountPoint, fileSystem, mountOptions, loggerFactory));
            using var signals = mount.UnmountOnTerminationSignals();

            var source = demo is null ? apiUrl.Host : $"the built-in emulator ({demo.Server.BaseUrl})";
            Console.Out.WriteLine($"fsmount: {source} is mounted on {mountPoint}; stop with: umount {mountPoint} (or Ctrl-C)");
            logGate.Open();
            await mount.Completion;
            return ExitCodes.Success;
        }
        catch (StartupException failure)
        {
            await Console.Error.WriteLineAsync($"fsmount: {failure.Message}");
            return failure.ExitCode;
        }
    }

    private static StartupException NoKey() => new(
        ExitCodes.Usage,
        $"no API key: put it in a file only you can read and pass --api-key-file FILE, or set {ApiKeySource.EnvironmentVariable}; or try the built-in emulator with --emulator");

    // Tuning beyond the command line comes from FSMOUNT_-prefixed environment variables, e.g.
    // FSMOUNT_OneFichier__CallsPerSecond=1 or FSMOUNT_Core__DirectoryCacheTime=00:05:00.
    private static ServiceProvider BuildServices(Uri apiUrl, string apiKey, StartupLogGate logGate)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables("FSMOUNT_").Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging
            .SetMinimumLevel(LogLevel.Debug)
            .AddFilter((_, _, level) => logGate.Allows(level))
            .AddConsoleFormatter<BriefConsoleFormatter, ConsoleFormatterOptions>()
            .AddConsole(console =>
            {
                console.FormatterName = logGate.Verbose ? ConsoleFormatterNames.Simple : BriefConsoleFormatter.FormatterName;
                console.LogToStandardErrorThreshold = LogLevel.Trace;
            }));
        services.AddOneFichier(
            options =>
            {
                configuration.GetSection("OneFichier").Bind(options);
                options.ApiBaseUrl = apiUrl;
            },
            apiKey);
        services.AddOptions<FsMountOptions>().Bind(configuration.GetSection("Core"));
        services.AddSingleton<MountedFileSystem>();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    private static async Task InitializeAsync(MountedFileSystem fileSystem, CancellationToken cancellationToken)
    {
        try
        {
            await fileSystem.InitializeAsync(cancellationToken);
        }
        catch (FsException failure)
        {
            var exitCode = failure.Error == FsError.AccessDenied ? ExitCodes.RemoteRefused : ExitCodes.Failure;
            throw new StartupException(exitCode, $"cannot list the account: {failure.Message}", failure);
        }
    }

    private static T WhenMountFails<T>(Func<T> mountStep)
    {
        try
        {
            return mountStep();
        }
        catch (FuseMountException failure)
        {
            throw new StartupException(ExitCodes.MountFailed, failure.Message, failure);
        }
    }
}
