namespace FsMount.Core.Remote;

/// <summary>Storage use of the account, in bytes.</summary>
public sealed record RemoteAccountInfo(long UsedBytes, long TotalBytes);
