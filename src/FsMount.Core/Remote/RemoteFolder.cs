namespace FsMount.Core.Remote;

/// <summary>A sub-folder as a listing reports it. <see cref="Name"/> is already decoded.</summary>
public sealed record RemoteFolder(long Id, string Name, DateTimeOffset Created);
