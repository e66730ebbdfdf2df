namespace FsMount.WinFsp;

/// <summary>How the account is shown on Windows: a local drive, or a network drive under a UNC name.</summary>
public sealed class WinFspMountOptions
{
    /// <summary>
    /// Show the mount as a network drive under this UNC name (<c>\\server\share</c>; WinFsp's own form
    /// with one leading backslash is accepted too). Network drives mount on drive letters only.
    /// </summary>
    public string? NetworkName { get; set; }

    /// <summary>Refuse every change; WinFsp then refuses writes before they reach the core too.</summary>
    public bool ReadOnly { get; set; }

    /// <summary>Let every user of the machine open the files (default: the mounting user and SYSTEM).</summary>
    public bool AllowOther { get; set; }

    /// <summary>The label Explorer shows (at most 32 characters).</summary>
    public string VolumeLabel { get; set; } = "1fichier";

    /// <summary>
    /// Dispatcher threads. Everything but Read, Write and ReadDirectory runs on them synchronously, and
    /// a folder listing may wait seconds for the service's pacing, so there are more than cores.
    /// </summary>
    public uint ThreadCount { get; set; } = 16;

    /// <summary>
    /// How long Windows caches what it was told of a file or folder. Finite: with caching of file data
    /// too (WinFsp's "infinite" setting) a size reported before the bytes arrive shows zeros.
    /// </summary>
    public TimeSpan FileInfoTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>WinFsp's form of <see cref="NetworkName"/> (<c>\server\share</c>), or null for a local drive.</summary>
    /// <exception cref="WinFspMountException">The name is not <c>\\server\share</c>.</exception>
    internal string? Prefix()
    {
        if (NetworkName is null)
        {
            return null;
        }

        var parts = NetworkName.TrimStart('\\').Split('\\');
        if (parts.Length != 2 || parts.Any(string.IsNullOrWhiteSpace) || NetworkName.Length >= Native.VolumeParams.PrefixLength)
        {
            throw new WinFspMountException($"--network takes a UNC name such as \\\\fsmount\\account, not '{NetworkName}'");
        }

        return "\\" + string.Join('\\', parts);
    }
}
