using FsMount.Core.Remote;

namespace FsMount.Core.Staging;

/// <summary>An upload sent under <see cref="Ticket"/> whose outcome is not known yet: what it sent, to look it up, and the content version it carried.</summary>
internal sealed record PendingUpload(UploadTicket Ticket, long FolderId, string Name, long Length, long Version);
