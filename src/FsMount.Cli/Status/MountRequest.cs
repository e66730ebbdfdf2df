namespace FsMount.Cli.Status;

/// <summary>
/// The one line a client sends on a mount's status socket. <see cref="Kind"/> says what it asks for
/// (<see cref="StatusKind"/>, <see cref="AboutKind"/>). An <c>about</c> request may name the account it
/// wants by its <see cref="CacheDirectory"/>: a mount of another account then answers so without
/// asking the service.
/// </summary>
internal sealed record MountRequest(string Kind, string? CacheDirectory = null)
{
    public const string StatusKind = "status";
    public const string AboutKind = "about";
}
