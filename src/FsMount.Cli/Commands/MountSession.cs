using System.Runtime.InteropServices;
using FsMount.Core;
using FsMount.Core.Errors;
using FsMount.Core.Uploads;
using FsMount.Core.Vfs;
using FsMount.Cli.Logging;
using FsMount.Cli.Platform;
using FsMount.Cli.Status;
using FsMount.Emulator;
using FsMount.OneFichier;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FsMount.Cli.Commands;

/// <summary>
/// One mount from start to unmount: start-up checks, the optional in-process emulator, the
/// service graph, the mount (FUSE on Linux, WinFsp on Windows), clean shutdown on SIGTERM/SIGINT, and the uploads still
/// pending at unmount (waited for up to the flush time-out, the rest kept for the next mount).
/// </summary>
internal static class MountSession
{
    public static async Task<int> RunAsync(MountSettings settings, CancellationToken cancellationToken)
    {
        // Until the mount is up, Ctrl-C and SIGTERM cancel the start-up (see the catch below).
        var interruption = new StartupInterruption(cancellationToken);
        cancellationToken = interruption.Token;
        try
        {
            var apiKey = settings.UseEmulator ? null : ApiKeySource.Find(settings) ?? throw ApiKeySource.NoKey(settings.Profile);
            var mounter = MounterFor(settings);
            var mountPoint = await mounter.PrepareAsync();

            await using var demo = settings.UseEmulator
                ? await DemoAccount.StartAsync(settings.EmulatorDirectory, cancellationToken)
                : null;
            var apiUrl = demo?.Server.ApiUrl ?? settings.ApiUrl;
            apiKey ??= demo!.Server.ApiKey;
            var cacheDirectory = Path.GetFullPath(settings.CacheDirectory
                ?? demo?.DefaultCacheDirectory
                ?? CacheLocation.For(apiUrl.AbsoluteUri, apiKey));

            var logGate = new StartupLogGate(settings.LogLevel);
            await using var services = BuildServices(settings, mounter, apiUrl, apiKey, cacheDirectory, logGate);
            MountedFileSystem fileSystem;
            await using (StartupPauseReporter.Start(services.GetRequiredService<OneFichierClient>(), Console.Error, services.GetRequiredService<TimeProvider>()))
            {
                if (demo is not null)
                {
                    await demo.FillWhenNewAsync(services.GetRequiredService<OneFichierClient>(), cancellationToken);
                }

                fileSystem = await InitializeAsync(services, apiUrl, cacheDirectory, cancellationToken);
            }

            var loggerFactory = services.GetRequiredService<ILoggerFactory>();
            var coreOptions = services.GetRequiredService<IOptions<FsMountOptions>>().Value;
            await using var reporting = new MountReporting(fileSystem, services.GetRequiredService<OneFichierClient>(), loggerFactory, services.GetRequiredService<TimeProvider>());
            cancellationToken.ThrowIfCancellationRequested();
            await using (var mount = mounter.Mount(mountPoint, fileSystem, coreOptions, loggerFactory))
            {
                using var signals = mount.UnmountOnTerminationSignals();
                interruption.Dispose();

                // A signal between mounting and the line above: the mount exists, so it is unmounted
                // cleanly (and anything staged flushed) as for a signal a moment later.
                if (interruption.IsRequested)
                {
                    mount.Unmount();
                }
                else
                {
                    var source = demo is not null ? $"the built-in emulator ({demo.Server.BaseUrl})"
                        : settings.Profile is { } profile ? $"{apiUrl.Host} (profile {profile})"
                        : apiUrl.Host;
                    await reporting.StartAsync(mount.MountPoint, source, CancellationToken.None);
                    Console.Out.WriteLine($"fsmount: {source} is mounted on {mount.MountPoint}; stop with: {mounter.HowToStop(mount.MountPoint)}");
                    DaemonLauncher.DetachIfDaemon();
                    services.GetRequiredService<OneFichierClient>().EndStartup();
                    logGate.Open();
                }

                await mount.Completion;
            }

            reporting.Stopping();
            return await FlushAsync(fileSystem, settings.FlushTimeout, cacheDirectory);
        }
        catch (StartupException failure)
        {
            await Console.Error.WriteLineAsync($"fsmount: {failure.Message}");
            return failure.ExitCode;
        }
        catch (OperationCanceledException) when (interruption.IsRequested)
        {
            await Console.Error.WriteLineAsync($"fsmount: {StartupInterruption.Message}");
            return ExitCodes.Interrupted;
        }
        finally
        {
            interruption.Dispose();
        }
    }

    private static IPlatformMounter MounterFor(MountSettings settings) =>
        OperatingSystem.IsWindows() ? new WinFspMounter(settings) : new FuseMounter(settings);

    // Tuning beyond the mount's settings comes from the OneFichier and Core sections of the config file
    // and the environment, e.g. FSMOUNT_OneFichier__CallsPerSecond=1 or FSMOUNT_Core__DirectoryCacheTime=5m.
    private static ServiceProvider BuildServices(MountSettings settings, IPlatformMounter mounter, Uri apiUrl, string apiKey, string cacheDirectory, StartupLogGate logGate)
    {
        var configuration = settings.Tuning;
        var services = new ServiceCollection();
        services.AddLogging(logging => MountLogging.Configure(logging, logGate, settings.LogFile));
        services.AddOneFichier(
            options =>
            {
                configuration.GetSection("OneFichier").Bind(options);
                options.ApiBaseUrl = apiUrl;

                // The built-in emulator's account is this process's alone.
                options.SharedPacingFile = settings.UseEmulator ? null : SharedPacingLocation.For(apiUrl.AbsoluteUri, apiKey);
            },
            apiKey);
        services.AddOptions<FsMountOptions>()
            .Bind(configuration.GetSection("Core"))
            .Configure(options =>
            {
                options.CacheDirectory = cacheDirectory;
                options.ReadOnly = settings.ReadOnly;
                options.WriteBackDelay = settings.WriteBackDelay;
                options.IoTimeout = settings.IoTimeout;
                options.ChunkCacheBytes = settings.CacheMaxSize;
                options.Umask = settings.Umask;
                mounter.ConfigureCore(options);
            });
        services.AddSingleton<MountedFileSystem>();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    private static async Task<MountedFileSystem> InitializeAsync(ServiceProvider services, Uri apiUrl, string cacheDirectory, CancellationToken cancellationToken)
    {
        MountedFileSystem fileSystem;
        try
        {
            fileSystem = services.GetRequiredService<MountedFileSystem>();
        }
        catch (FsException failure)
        {
            throw new StartupException(ExitCodes.Usage, failure.Message, failure);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            throw new StartupException(ExitCodes.Usage, $"cannot use the cache folder {cacheDirectory}: {failure.Message}", failure);
        }

        try
        {
            await fileSystem.InitializeAsync(cancellationToken);
            return fileSystem;
        }
        catch (FsException failure)
        {
            var exitCode = failure.Error == FsError.AccessDenied ? ExitCodes.RemoteRefused : ExitCodes.Failure;
            throw new StartupException(exitCode, ApiKeyRefusal.LineFor(failure) ?? $"cannot list the account at {apiUrl}: {failure.Message}", failure);
        }
    }

    /// <summary>
    /// After unmount: uploads what is still staged, with a progress line, until done or the flush
    /// time-out (a SIGTERM or Ctrl-C now stops waiting). What is left stays in the journal.
    /// </summary>
    private static async Task<int> FlushAsync(MountedFileSystem fileSystem, TimeSpan timeout, string cacheDirectory)
    {
        var pending = fileSystem.Uploads;
        if (pending.PendingFiles == 0)
        {
            return ExitCodes.Success;
        }

        using var stop = new CancellationTokenSource();
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Stop(context, stop));
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Stop(context, stop));
        var progress = new FlushProgress(Console.Error, () => fileSystem.UploadActivity);
        UploadQueueStatus left;
        try
        {
            left = await fileSystem.FlushUploadsAsync(timeout, progress, stop.Token);
        }
        catch (OperationCanceledException)
        {
            left = fileSystem.Uploads;
        }

        progress.Finish();
        if (left.PendingFiles == 0)
        {
            await Console.Error.WriteLineAsync("fsmount: every upload is done");
            return ExitCodes.Success;
        }

        await Console.Error.WriteLineAsync(
            $"fsmount: {left.PendingFiles} file(s), {FlushProgress.Bytes(left.PendingBytes)}, are still to upload; they are kept in {cacheDirectory} and upload at the next mount that uses it");
        return ExitCodes.UploadsPending;
    }

    private static void Stop(PosixSignalContext context, CancellationTokenSource stop)
    {
        context.Cancel = true;
        stop.Cancel();
    }
}
