using FsMount.Core.Errors;
using FsMount.Core.Remote;

namespace FsMount.Core.Metadata;

/// <summary>
/// What is known of the account: the service's last answer (null before the first one) and when it
/// came, and why the last ask failed when it did (the answer before it, if any, is still given).
/// </summary>
public sealed record AccountInfoReport(RemoteAccountInfo? Info, DateTimeOffset FetchedAt, FsException? LastFailure);
