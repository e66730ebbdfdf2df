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

    // TEMP-BATCH: one item per upload until the client sends several files in one request.
    public async Task<IReadOnlyList<RemoteFile?>> UploadAsync(UploadTicket ticket, long folderId, IReadOnlyList<UploadItem> items, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(items);
        var item = items.Single();
        var content = item.OpenContent!();
        await using (content.ConfigureAwait(false))
        {
            var uploaded = await Call(() => _client.UploadToAsync(ServerOf(ticket), ticket.Issued, content, item.Length, folderId, item.Name, progress, cancellationToken)).ConfigureAwait(false);
            return [ToRemoteFile(uploaded)];
        }
    }

    public async Task<IReadOnlyList<RemoteFile?>> FindUploadAsync(UploadTicket ticket, long folderId, IReadOnlyList<UploadItem> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(items);
        var item = items.Single();
        var found = await Call(() => _client.FindUploadAsync(ServerOf(ticket), ticket.Issued, folderId, item.Name, item.Length, cancellationToken)).ConfigureAwait(false);
        return [found is null ? null : ToRemoteFile(found)];
    }

    private static UploadServer ServerOf(UploadTicket ticket) => new(ticket.Server, ticket.Id);

    private static RemoteFile ToRemoteFile(UploadedFile file) =>
        new(file.Url, ShortIdOf(file.Url), file.Name, file.Size, file.Uploaded, string.IsNullOrEmpty(file.Whirlpool) ? null : file.Whirlpool, null);
}
