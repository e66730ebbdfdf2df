using FsMount.Core;
using FsMount.Core.Vfs;
using Microsoft.Extensions.Logging;

namespace FsMount.Cli.Platform;

/// <summary>
/// What a mount needs from the system it runs on: the checks made before anything starts, the core's
/// naming policy for that system, and the mount itself. A refusal is a <see cref="StartupException"/>.
/// </summary>
internal interface IPlatformMounter
{
    /// <summary>Checks what the system would refuse first, before the account is touched; returns the mount point as it will be used.</summary>
    Task<string> PrepareAsync();

    /// <summary>Sets the core's options the system needs (its naming rules, how long the kernel may cache).</summary>
    void ConfigureCore(FsMountOptions options);

    /// <summary>Mounts the core on <paramref name="mountPoint"/> and starts serving it.</summary>
    IMountedVolume Mount(string mountPoint, IVirtualFileSystem fileSystem, FsMountOptions core, ILoggerFactory loggerFactory);

    /// <summary>How the user stops this mount, for the line printed once it is mounted.</summary>
    string HowToStop(string mountPoint);
}
