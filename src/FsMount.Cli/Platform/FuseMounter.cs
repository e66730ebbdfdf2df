using FsMount.Cli.Commands;
using FsMount.Core;
using FsMount.Core.Vfs;
using FsMount.Fuse;
using Microsoft.Extensions.Logging;

namespace FsMount.Cli.Platform;

/// <summary>Linux: a FUSE mount on a directory, mounted by root or, for a normal user, through fusermount3.</summary>
internal sealed class FuseMounter : IPlatformMounter
{
    private static readonly TimeSpan s_negativeEntryTimeout = TimeSpan.FromSeconds(10);

    private readonly MountSettings _settings;
    private readonly FuseMountOptions _options;

    public FuseMounter(MountSettings settings)
    {
        _settings = settings;
        _options = new FuseMountOptions
        {
            AllowOther = settings.AllowOther,
            ReadOnly = settings.ReadOnly,
            OwnerUserId = settings.UserId,
            OwnerGroupId = settings.GroupId,
        };
    }

    public async Task<string> PrepareAsync()
    {
        if (_settings.NetworkName is not null)
        {
            throw new StartupException(ExitCodes.Usage, "--network makes a Windows network drive; on Linux, mount on a directory without it");
        }

        if (WhenMountFails(() => FuseMount.ClearDeadMount(_settings.MountPoint)))
        {
            await Console.Error.WriteLineAsync($"fsmount: cleared the dead fsmount mount on {_settings.MountPoint} (its process had died)");
        }

        return WhenMountFails(() => FuseMount.CheckCanMount(_settings.MountPoint, _options));
    }

    public void ConfigureCore(FsMountOptions options)
    {
    }

    // The kernel may keep names and attributes as long as the core keeps the listing they come from:
    // whatever changes them sooner (our own changes, a listing showing another client's) is
    // invalidated explicitly. A miss is remembered shortly only: a name can appear from elsewhere.
    public IMountedVolume Mount(string mountPoint, IVirtualFileSystem fileSystem, FsMountOptions core, ILoggerFactory loggerFactory)
    {
        _options.IoTimeout = core.IoTimeout;
        _options.EntryTimeout = core.DirectoryCacheTime;
        _options.AttributeTimeout = core.DirectoryCacheTime;
        _options.NegativeEntryTimeout = core.DirectoryCacheTime < s_negativeEntryTimeout ? core.DirectoryCacheTime : s_negativeEntryTimeout;
        return WhenMountFails(() => FuseMount.Mount(mountPoint, fileSystem, _options, loggerFactory));
    }

    // A mount in the background has no terminal to press Ctrl-C in.
    public string HowToStop(string mountPoint) =>
        DaemonLauncher.IsDaemonChild ? $"fsmount unmount {mountPoint}" : $"fsmount unmount {mountPoint} (or Ctrl-C)";

    private static T WhenMountFails<T>(Func<T> mountStep) => StartupException.FromMountStep<T, FuseMountException>(mountStep);
}
