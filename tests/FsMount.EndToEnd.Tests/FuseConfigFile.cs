namespace FsMount.EndToEnd.Tests;

/// <summary>/etc/fuse.conf with or without user_allow_other for a test's duration; restored (or removed) when disposed.</summary>
internal sealed class FuseConfigFile : IDisposable
{
    private const string ConfigPath = "/etc/fuse.conf";
    private readonly string? _original;

    private FuseConfigFile(bool allowOther)
    {
        _original = File.Exists(ConfigPath) ? File.ReadAllText(ConfigPath) : null;
        File.WriteAllText(ConfigPath, allowOther ? "user_allow_other\n" : "# user_allow_other is not set\n");
    }

    public static FuseConfigFile With(bool allowOther) => new(allowOther);

    public void Dispose()
    {
        if (_original is null)
        {
            File.Delete(ConfigPath);
        }
        else
        {
            File.WriteAllText(ConfigPath, _original);
        }
    }
}
