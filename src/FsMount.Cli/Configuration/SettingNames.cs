using FsMount.Core;
using FsMount.OneFichier;

namespace FsMount.Cli.Configuration;

/// <summary>The settings <c>fsmount mount</c> reads, as spelled in <c>config.json</c> (and after <c>FSMOUNT_</c> in the environment).</summary>
internal static class SettingNames
{
    public const string EnvironmentPrefix = "FSMOUNT_";
    public const string Profile = "profile";
    public const string Profiles = "profiles";

    public const string ApiUrl = "apiUrl";
    public const string ApiKeyFile = "apiKeyFile";
    public const string CacheDir = "cacheDir";
    public const string CacheMaxSize = "cacheMaxSize";
    public const string WriteBack = "writeBack";
    public const string FlushTimeout = "flushTimeout";
    public const string IoTimeout = "ioTimeout";
    public const string ReadOnly = "readOnly";
    public const string AllowOther = "allowOther";
    public const string Uid = "uid";
    public const string Gid = "gid";
    public const string Umask = "umask";
    public const string LogLevel = "logLevel";
    public const string LogFile = "logFile";

    /// <summary>What a profile may set (and the top level, as the defaults every profile inherits).</summary>
    public static readonly IReadOnlyList<string> Mount =
        [ApiUrl, ApiKeyFile, CacheDir, CacheMaxSize, WriteBack, FlushTimeout, IoTimeout, ReadOnly, AllowOther, Uid, Gid, Umask, LogLevel, LogFile];

    /// <summary>Tuning sections, bound onto the options of the layer they tune (their property names are the keys).</summary>
    public static readonly IReadOnlyDictionary<string, Type> Sections = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase)
    {
        ["OneFichier"] = typeof(OneFichierOptions),
        ["Core"] = typeof(FsMountOptions),
    };
}
