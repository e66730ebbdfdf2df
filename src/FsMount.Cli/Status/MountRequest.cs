namespace FsMount.Cli.Status;

/// <summary>
/// The one line a client sends on a mount's status socket. <see cref="Kind"/> says what it asks for:
/// <see cref="StatusKind"/>; <see cref="AboutKind"/>, which may name the account it wants by its
/// <see cref="CacheDirectory"/> (a mount of another account then says so without asking the service);
/// <see cref="RemoteUploadKind"/> of <see cref="Urls"/> into <see cref="Folder"/> (a folder of the
/// mount, by its full path); <see cref="RemoteUploadProgressKind"/> of the upload <see cref="Id"/>;
/// <see cref="LinkKind"/> of the files at <see cref="Paths"/> from the account's root, for the account
/// of <see cref="CacheDirectory"/> as for about.
/// </summary>
internal sealed record MountRequest(
    string Kind,
    string? CacheDirectory = null,
    IReadOnlyList<string>? Urls = null,
    string? Folder = null,
    long? Id = null,
    IReadOnlyList<string>? Paths = null)
{
    public const string StatusKind = "status";
    public const string AboutKind = "about";
    public const string RemoteUploadKind = "remote-upload";
    public const string RemoteUploadProgressKind = "remote-upload-progress";
    public const string LinkKind = "link";
}
