using FsMount.Cli.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace FsMount.Cli.Commands;

/// <summary>What <c>fsmount mount</c> was asked to do, from its command line, the environment and the config file.</summary>
internal sealed record MountSettings(
    string MountPoint,
    Uri ApiUrl,
    FileInfo? ApiKeyFile,
    ResolvedSetting? ConfiguredApiKeyFile,
    string? Profile,
    bool UseEmulator,
    string? EmulatorDirectory,
    bool AllowOther,
    bool ReadOnly,
    string? CacheDirectory,
    long CacheMaxSize,
    TimeSpan WriteBackDelay,
    TimeSpan FlushTimeout,
    TimeSpan IoTimeout,
    LogLevel? LogLevel,
    string? LogFile,
    uint? UserId,
    uint? GroupId,
    uint Umask,
    string? NetworkName,
    IConfiguration Tuning);
