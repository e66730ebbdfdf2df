namespace FsMount.Core.Remote;

/// <summary>
/// Where an upload is sent and the id that names it on the service, as
/// <see cref="IRemoteDrive.BeginUploadAsync"/> issued them. Plain strings, so a journal can keep
/// them across a crash.
/// </summary>
public sealed record UploadTicket(string Server, string Id, DateTimeOffset Issued);
