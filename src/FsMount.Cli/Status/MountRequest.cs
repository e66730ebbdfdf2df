namespace FsMount.Cli.Status;

/// <summary>
/// The one line a client sends on a mount's status socket. <see cref="Kind"/> says what it asks for
/// (<see cref="StatusKind"/> today); other commands add their kinds (e.g. <c>about</c>, <c>info</c>).
/// </summary>
internal sealed record MountRequest(string Kind)
{
    public const string StatusKind = "status";
}
