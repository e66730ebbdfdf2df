using FsMount.Core.Remote;
using FsMount.OneFichier.Wire;

namespace FsMount.OneFichier;

/// <content>Uploads in the steps a journal records: a ticket (node and id), the body, the file found by its report.</content>
public sealed partial class OneFichierDrive
{
    public async Task<UploadTicket> BeginUploadAsync(CancellationToken cancellationToken)
    {
        // Taken before the call: whatever the upload makes is dated after it.
        var issued = _client.Time.GetUtcNow();
        var server = await Call(() => _client.GetUploadServerAsync(cancellationToken)).ConfigureAwait(false);
        return new UploadTicket(server.Url, server.Id, issued);
    }

    public async Task<RemoteFile> UploadAsync(UploadTicket ticket, long folderId, string name, Stream content, long length, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var uploaded = await Call(() => _client.UploadToAsync(ServerOf(ticket), ticket.Issued, content, length, folderId, name, progress, cancellationToken)).ConfigureAwait(false);
        return ToRemoteFile(uploaded);
    }

    public async Task<RemoteFile?> FindUploadAsync(UploadTicket ticket, long folderId, string name, long length, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var found = await Call(() => _client.FindUploadAsync(ServerOf(ticket), ticket.Issued, folderId, name, length, cancellationToken)).ConfigureAwait(false);
        return found is null ? null : ToRemoteFile(found);
    }

    private static UploadServer ServerOf(UploadTicket ticket) => new(ticket.Server, ticket.Id);

    private static RemoteFile ToRemoteFile(UploadedFile file) =>
        new(file.Url, ShortIdOf(file.Url), file.Name, file.Size, file.Uploaded, string.IsNullOrEmpty(file.Whirlpool) ? null : file.Whirlpool, null);
}
