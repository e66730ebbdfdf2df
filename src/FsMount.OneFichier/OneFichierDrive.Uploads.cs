using FsMount.Core.Remote;
using FsMount.OneFichier.Wire;

namespace FsMount.OneFichier;

/// <content>Uploads in the steps a journal records: a ticket (node and id), the body, the files found by their report.</content>
public sealed partial class OneFichierDrive
{
    public async Task<UploadTicket> BeginUploadAsync(CancellationToken cancellationToken)
    {
        // Taken before the call: whatever the upload makes is dated after it.
        var issued = _client.Time.GetUtcNow();
        var server = await Call(() => _client.GetUploadServerAsync(cancellationToken)).ConfigureAwait(false);
        return new UploadTicket(server.Url, server.Id, issued);
    }

    public async Task<IReadOnlyList<RemoteFile?>> UploadAsync(UploadTicket ticket, long folderId, IReadOnlyList<UploadItem> items, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var uploaded = await Call(() => _client.UploadToAsync(ServerOf(ticket), ticket.Issued, folderId, items, progress, cancellationToken)).ConfigureAwait(false);
        return ToRemoteFiles(uploaded);
    }

    public async Task<IReadOnlyList<RemoteFile?>> FindUploadAsync(UploadTicket ticket, long folderId, IReadOnlyList<UploadItem> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var found = await Call(() => _client.FindUploadAsync(ServerOf(ticket), ticket.Issued, folderId, items, cancellationToken)).ConfigureAwait(false);
        return ToRemoteFiles(found);
    }

    private static UploadServer ServerOf(UploadTicket ticket) => new(ticket.Server, ticket.Id);

    private static List<RemoteFile?> ToRemoteFiles(IReadOnlyList<UploadedFile?> files) =>
        files.Select(file => file is null ? null : ToRemoteFile(file)).ToList();

    // The report gives no MIME type (the folder's next listing does); the time is shown in the service's zone, as listings give it.
    private static RemoteFile ToRemoteFile(UploadedFile file) =>
        new(file.Url, ShortIdOf(file.Url), file.Name, file.Size, ParisDateTimeConverter.ToParis(file.Uploaded), string.IsNullOrEmpty(file.Whirlpool) ? null : file.Whirlpool, null);
}
