namespace FsMount.Core.Remote;

/// <summary>Storage use of the account, in bytes, and when its subscription ends (null when it has none or the service did not say).</summary>
public sealed record RemoteAccountInfo(long UsedBytes, long TotalBytes, DateTimeOffset? SubscriptionEnd = null);
