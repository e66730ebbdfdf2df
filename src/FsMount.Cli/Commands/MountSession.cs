using System.Runtime.InteropServices;
using FsMount.Core.Errors;
using FsMount.Core.Vfs;
using FsMount.Emulator;
using FsMount.Fuse;
using FsMount.OneFichier;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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
            var mountPoint = StartupChecks.CheckMountPoint(settings.MountPoint);
            StartupChecks.CheckFuse();

            await using var emulator = settings.UseEmulator
                ? await DemoAccount.StartAsync(settings.EmulatorDirectory, cancellationToken)
                : null;
            var apiUrl = emulator?.ApiUrl ?? settings.ApiUrl;
            apiKey ??= emulator!.ApiKey;

            await using var services = BuildServices(apiUrl, apiKey, settings.Verbose);
            var fileSystem = services.GetRequiredService<MountedFileSystem>();
            await InitializeAsync(fileSystem, cancellationToken);
            if (emulator is not null)
            {
                await DemoAccount.FillWhenEmptyAsync(services, cancellationToken);
            }

            var loggerFactory = services.GetRequiredService<ILoggerFactory>();
            var mountOptions = new FuseMountOptions { AllowOther = settings.AllowOther };
            await using var mount = Mount(mountPoint, fileSystem, mountOptions, loggerFactory);
            using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Stop(context, mount));
            using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Stop(context, mount));

            var source = emulator is null ? apiUrl.Host : $"the built-in emulator ({emulator.BaseUrl})";
            Console.Out.WriteLine($"fsmount: {source} is mounted on {mountPoint}; stop with: umount {mountPoint} (or Ctrl-C)");
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

    private static ServiceProvider BuildServices(Uri apiUrl, string apiKey, bool verbose)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging
            .SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.Warning)
            .AddSimpleConsole(console => console.SingleLine = true)
            .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace));
        services.AddOneFichier(options => options.ApiBaseUrl = apiUrl, apiKey);
        services.AddMountedFileSystem();
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

    private static FuseMount Mount(string mountPoint, IVirtualFileSystem fileSystem, FuseMountOptions options, ILoggerFactory loggerFactory)
    {
        try
        {
            return FuseMount.Mount(mountPoint, fileSystem, options, loggerFactory);
        }
        catch (IOException failure)
        {
            throw new StartupException(ExitCodes.MountFailed, $"cannot mount {mountPoint}: {failure.Message}", failure);
        }
    }

    private static void Stop(PosixSignalContext context, FuseMount mount)
    {
        // Keep the process alive: the unmount ends the FUSE session, and Main returns normally.
        context.Cancel = true;
        mount.Unmount();
    }
}
