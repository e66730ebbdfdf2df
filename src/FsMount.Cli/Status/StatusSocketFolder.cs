using System.Globalization;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using FsMount.Fuse;

namespace FsMount.Cli.Status;

/// <summary>
/// Where a user's mounts keep their status sockets: <c>$XDG_RUNTIME_DIR/fsmount</c> when set, else
/// <c>/run/fsmount</c> for root or <c>/tmp/fsmount-UID</c>; a folder of mode 0700 that its owner only
/// can enter, so a socket in it is the owner's alone. One socket per mount, named after the mount point.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal static class StatusSocketFolder
{
    public const string Extension = ".sock";

    private const UnixFileMode PrivateFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    // A socket's path holds at most 107 bytes: the readable part of its name is cut, a hash keeps it unique.
    private const int ReadableNameLength = 40;

    public static string Path
    {
        get
        {
            var runtime = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
            if (!string.IsNullOrEmpty(runtime))
            {
                return System.IO.Path.Combine(runtime, "fsmount");
            }

            var userId = FuseMount.EffectiveUserId;
            return userId == 0 ? "/run/fsmount" : $"/tmp/fsmount-{userId.ToString(CultureInfo.InvariantCulture)}";
        }
    }

    /// <summary>The socket of the mount on <paramref name="mountPoint"/>, e.g. <c>mnt-media-1a2b3c4d.sock</c> for <c>/mnt/media</c>.</summary>
    public static string SocketFor(string mountPoint)
    {
        var fullPath = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(mountPoint));
        var readable = new string([.. fullPath.Trim('/').Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' ? c : '-')]);
        if (readable.Length > ReadableNameLength)
        {
            readable = readable[^ReadableNameLength..];
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(fullPath)))[..8];
        return System.IO.Path.Combine(Path, $"{readable}-{hash}{Extension}");
    }

    /// <summary>The sockets in the folder, in a stable order: running mounts, and any a killed mount left (which do not answer).</summary>
    /// <remarks>
    /// Only a real folder of mode 0700 is read: another local user could have made <c>/tmp/fsmount-UID</c>
    /// first and put a socket there claiming our mount point (to receive remote-upload URLs, or show
    /// forged status). A 0700 folder of someone else cannot be listed, so a listed one is ours.
    /// </remarks>
    public static string[] Sockets()
    {
        var folder = new DirectoryInfo(Path);
        if (!folder.Exists || folder.LinkTarget is not null || folder.UnixFileMode != PrivateFolder)
        {
            return [];
        }

        try
        {
            return [.. Directory.GetFiles(folder.FullName, "*" + Extension).Order(StringComparer.Ordinal)];
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>
    /// Creates the folder, or checks the one there: it must be a real folder (not a link) of this user,
    /// which the chmod to 0700 proves (only its owner, or root, may change its mode).
    /// </summary>
    /// <exception cref="IOException">The folder cannot be made private; the message says why.</exception>
    public static string EnsurePrivate()
    {
        var path = Path;
        try
        {
            var folder = Directory.CreateDirectory(path, PrivateFolder);
            if (folder.LinkTarget is not null)
            {
                throw new IOException($"{path} is a link; remove it so fsmount can make its private folder there");
            }

            File.SetUnixFileMode(path, PrivateFolder);
            return path;
        }
        catch (UnauthorizedAccessException failure)
        {
            throw new IOException($"{path} belongs to another user; remove it so fsmount can make its private folder there", failure);
        }
    }
}
