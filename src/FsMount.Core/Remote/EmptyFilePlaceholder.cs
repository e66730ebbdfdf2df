namespace FsMount.Core.Remote;

/// <summary>
/// How an empty file is stored: the service refuses 0-byte uploads, so the mount uploads one NUL
/// byte instead, and shows a 1-byte remote file whose Whirlpool checksum is that of one NUL byte as
/// empty. (A genuine one-byte file holding a single NUL is shown as empty too; no other file is
/// affected.) A listing without a checksum shows the placeholder as the 1-byte file it is.
/// </summary>
public static class EmptyFilePlaceholder
{
    /// <summary>Whirlpool of the single byte 0x00 (<c>printf '\0' | openssl dgst -provider legacy -whirlpool</c>).</summary>
    public const string Whirlpool = "4d9444c212955963d425a410176fccfb74161e6839692b4c11fde2ed6eb559efe0560c39a7b61d5a8bcabd6817a3135af80f342a4942ccaae745abddfb6afed0";

    /// <summary>The bytes uploaded for an empty file.</summary>
    public static ReadOnlyMemory<byte> Content { get; } = new byte[1];

    public static bool IsPlaceholder(RemoteFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return file.Size == 1 && string.Equals(file.Checksum, Whirlpool, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The size the mount shows for a remote file.</summary>
    public static long PresentedSize(RemoteFile file) => IsPlaceholder(file) ? 0 : file.Size;
}
