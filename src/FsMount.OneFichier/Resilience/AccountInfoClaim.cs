namespace FsMount.OneFichier.Resilience;

/// <summary>
/// Where the account's one <c>user/info.cgi</c> ask of the last minutes stands, for a process about to ask:
/// <see cref="Claimed"/> (the ask is this process's to send), the <see cref="Answer"/> another process got,
/// <see cref="Failed"/> (that ask failed and the service counted it), or none of them while it runs.
/// </summary>
internal readonly record struct AccountInfoClaim(bool Claimed, string? Answer, bool Failed, DateTimeOffset AskedAt);
