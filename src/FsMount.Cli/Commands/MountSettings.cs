namespace FsMount.Cli.Commands;

/// <summary>What <c>fsmount mount</c> was asked to do, as parsed from its command line.</summary>
internal sealed record MountSettings(
    string MountPoint,
    Uri ApiUrl,
    FileInfo? ApiKeyFile,
    bool UseEmulator,
    string? EmulatorDirectory,
    bool AllowOther,
    bool ReadOnly,
    string? CacheDirectory,
    long CacheMaxSize,
    TimeSpan WriteBackDelay,
    TimeSpan FlushTimeout,
    bool Verbose,
    uint? UserId,
    uint? GroupId,
    uint Umask,
    string? NetworkName);
