using FsMount.OneFichier;
using FsMount.OneFichier.Wire;

namespace FsMount.Cli.RemoteUpload;

/// <summary>
/// Asks the service to fetch URLs into a folder (<c>remote/request.cgi</c>) and follows the requests
/// (<c>remote/ls.cgi</c>, then <c>remote/info.cgi</c> once each is executed), for however many
/// clients follow at once: the list is asked at most once per <see cref="ListSpacing"/> and a
/// request's results once, and every call goes through the client's pacing.
/// </summary>
internal sealed class RemoteUploadFollower : IDisposable
{
    /// <summary>How old a list of the account's remote uploads may be when a client asks how one goes.</summary>
    public static readonly TimeSpan ListSpacing = TimeSpan.FromSeconds(2);

    private readonly OneFichierClient _client;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _listing = new(1, 1);
    private readonly Lock _gate = new();
    private readonly Dictionary<long, IReadOnlyList<RemoteUploadUrlResult>> _results = [];
    private IReadOnlyList<RemoteUploadSummary> _list = [];
    private DateTimeOffset _listedAt = DateTimeOffset.MinValue;

    public RemoteUploadFollower(OneFichierClient client, TimeProvider time)
    {
        _client = client;
        _time = time;
    }

    /// <summary>
    /// Sends the request once. <c>remote/request.cgi</c> creates something, so an answer lost after it
    /// was sent is not answered by sending it again (every URL would be fetched twice): the account's
    /// list, taken before, shows whether a new request of as many URLs appeared, and that one is ours.
    /// </summary>
    public async Task<long> RequestAsync(IReadOnlyList<string> urls, long folderId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(urls);
        var before = (await ListAsync(fresh: true, cancellationToken)).Select(upload => upload.Id).ToHashSet();

        // From here the request may reach the service, so its outcome is found whatever the asker does
        // (its connection's time is up, it left): a request cut short here would look undone, and be sent
        // again. The client's own time-outs bound these calls.
        try
        {
            return await _client.RequestRemoteUploadAsync(urls, folderId, CancellationToken.None);
        }
        catch (OneFichierException lost) when (lost.MayHaveTakenEffect)
        {
            var appeared = (await ListAsync(fresh: true, CancellationToken.None)).Where(upload => !before.Contains(upload.Id) && upload.NbUrls == urls.Count).ToList();
            if (appeared is [var ours])
            {
                return ours.Id;
            }

            throw;
        }
    }

    /// <summary>One result per URL once the service tried them all; null before.</summary>
    public async Task<IReadOnlyList<RemoteUploadUrlResult>?> ResultsAsync(long id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_results.TryGetValue(id, out var known))
            {
                return known;
            }
        }

        var summary = (await ListAsync(fresh: false, cancellationToken)).FirstOrDefault(upload => upload.Id == id);
        if (summary is not { IsExecuted: true })
        {
            return null;
        }

        var results = await _client.GetRemoteUploadResultsAsync(id, cancellationToken);
        lock (_gate)
        {
            _results[id] = results;
        }

        return results;
    }

    public void Dispose() => _listing.Dispose();

    private async Task<IReadOnlyList<RemoteUploadSummary>> ListAsync(bool fresh, CancellationToken cancellationToken)
    {
        await _listing.WaitAsync(cancellationToken);
        try
        {
            if (fresh || _time.GetUtcNow() - _listedAt >= ListSpacing)
            {
                _list = await _client.ListRemoteUploadsAsync(cancellationToken);
                _listedAt = _time.GetUtcNow();
            }

            return _list;
        }
        finally
        {
            _listing.Release();
        }
    }
}
