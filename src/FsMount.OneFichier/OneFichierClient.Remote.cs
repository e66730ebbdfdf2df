using FsMount.OneFichier.Wire;

namespace FsMount.OneFichier;

/// <content>Remote upload: the service fetches URLs into the account by itself, and is asked how it went.</content>
public sealed partial class OneFichierClient
{
    /// <summary>
    /// <c>remote/request.cgi</c>: asks the service to fetch <paramref name="urls"/> into
    /// <paramref name="folderId"/>, and returns the request's id. Never sent twice by the pipeline after a
    /// failure that may have landed (a repeat would fetch everything twice): the caller looks with
    /// <see cref="ListRemoteUploadsAsync"/> first.
    /// </summary>
    public async Task<long> RequestRemoteUploadAsync(IReadOnlyList<string> urls, long folderId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(urls);
        if (urls.Count == 0)
        {
            throw new ArgumentException("At least one URL is needed.", nameof(urls));
        }

        var requested = await PostAsync(
            "remote/request.cgi",
            new RemoteUploadRequest(urls, folderId),
            OneFichierJsonContext.Default.RemoteUploadRequest,
            OneFichierJsonContext.Default.RemoteUploadRequested,
            null,
            cancellationToken).ConfigureAwait(false);
        return requested.Id;
    }

    /// <summary><c>remote/ls.cgi</c>: the account's remote uploads, executed or not.</summary>
    public async Task<IReadOnlyList<RemoteUploadSummary>> ListRemoteUploadsAsync(CancellationToken cancellationToken)
    {
        var list = await PostAsync(
            "remote/ls.cgi",
            new EmptyRequest(),
            OneFichierJsonContext.Default.EmptyRequest,
            OneFichierJsonContext.Default.RemoteUploadList,
            null,
            cancellationToken).ConfigureAwait(false);
        return list.Data ?? [];
    }

    /// <summary><c>remote/info.cgi</c>: one result per URL of remote upload <paramref name="id"/> once it was executed, none before.</summary>
    public async Task<IReadOnlyList<RemoteUploadUrlResult>> GetRemoteUploadResultsAsync(long id, CancellationToken cancellationToken)
    {
        var info = await PostAsync(
            "remote/info.cgi",
            new RemoteUploadIdRequest(id),
            OneFichierJsonContext.Default.RemoteUploadIdRequest,
            OneFichierJsonContext.Default.RemoteUploadInfo,
            null,
            cancellationToken).ConfigureAwait(false);
        return info.Result ?? [];
    }
}
