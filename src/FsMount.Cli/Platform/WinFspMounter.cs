using System.Runtime.Versioning;
using FsMount.Cli.Commands;
using FsMount.Core;
using FsMount.Core.Vfs;
using FsMount.WinFsp;
using Microsoft.Extensions.Logging;

namespace FsMount.Cli.Platform;

/// <summary>Windows: a WinFsp drive (<c>X:</c>), or a network drive under a UNC name with <c>--network</c>.</summary>
[SupportedOSPlatform("windows")]
internal sealed class WinFspMounter : IPlatformMounter
{
    private readonly MountSettings _settings;
    private readonly WinFspMountOptions _options;

    public WinFspMounter(MountSettings settings)
    {
        _settings = settings;
        _options = new WinFspMountOptions
        {
            NetworkName = settings.NetworkName,
            ReadOnly = settings.ReadOnly,
            AllowOther = settings.AllowOther,
        };
    }

    public Task<string> PrepareAsync()
    {
        if (_settings.UserId is not null || _settings.GroupId is not null)
        {
            throw new StartupException(ExitCodes.Usage, "--uid and --gid are for Linux mounts; on Windows the drive belongs to the user who mounts it (--allow-other opens it to everyone)");
        }

        WhenMountFails(() =>
        {
            WinFspMount.CheckCanMount(_settings.MountPoint, _options);
            return 0;
        });
        return Task.FromResult(_settings.MountPoint);
    }

    public void ConfigureCore(FsMountOptions options) => WinFspMount.ConfigureCore(options);

    public IMountedVolume Mount(string mountPoint, IVirtualFileSystem fileSystem, FsMountOptions core, ILoggerFactory loggerFactory) =>
        WhenMountFails(() => WinFspMount.Mount(mountPoint, fileSystem, _options, loggerFactory));

    public string HowToStop(string mountPoint) => "Ctrl-C";

    private static T WhenMountFails<T>(Func<T> mountStep) => StartupException.FromMountStep<T, WinFspMountException>(mountStep);
}
