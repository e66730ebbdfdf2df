namespace FsMount.Fuse.Transport;

/// <summary>/etc/fuse.conf, where root lets normal users mount with allow_other.</summary>
internal static class FuseConfig
{
    public const string Path = "/etc/fuse.conf";

    /// <summary>Whether <paramref name="contents"/> has the line <c>user_allow_other</c> (fusermount3's rule: alone on its line).</summary>
    public static bool AllowsOther(string contents) =>
        contents.Split('\n').Any(line => string.Equals(line.Trim(), "user_allow_other", StringComparison.Ordinal));

    public static bool AllowsOther() => File.Exists(Path) && AllowsOther(File.ReadAllText(Path));
}
