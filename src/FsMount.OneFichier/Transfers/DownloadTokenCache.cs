using System.Collections.Concurrent;

namespace FsMount.OneFichier.Transfers;

/// <summary>
/// The download token of each file, shared by every handle and every open of that file while it is younger
/// than <see cref="OneFichierOptions.DownloadTokenLifetime"/> (tokens are asked with <c>single: 0</c>, so one
/// serves any number of ranged requests). A media scan that opens a file twice, or two players of one file,
/// then cost one <c>get_token.cgi</c> instead of one per open.
/// </summary>
internal sealed class DownloadTokenCache
{
    private readonly ConcurrentDictionary<string, (Uri Token, DateTimeOffset Issued)> _tokens = new(StringComparer.Ordinal);
    private readonly Func<string, CancellationToken, Task<Uri>> _issue;
    private readonly TimeSpan _lifetime;
    private readonly TimeProvider _time;

    /// <param name="issue">Asks the service for a new token of a file URL.</param>
    public DownloadTokenCache(Func<string, CancellationToken, Task<Uri>> issue, TimeSpan lifetime, TimeProvider time)
    {
        _issue = issue;
        _lifetime = lifetime;
        _time = time;
    }

    /// <summary>The file's current token, or a new one when there is none, it is old, or it is <paramref name="refused"/>.</summary>
    /// <remarks>
    /// Not single-flight: two first opens of one file at the same instant may both ask (both tokens
    /// work). A lock would instead make every file's first open wait behind another file's token call
    /// and its retries.
    /// </remarks>
    public async Task<Uri> GetAsync(string fileUrl, Uri? refused, CancellationToken cancellationToken)
    {
        if (TryGetFresh(fileUrl, refused) is { } cached)
        {
            return cached;
        }

        var issued = _time.GetUtcNow();
        var token = await _issue(fileUrl, cancellationToken).ConfigureAwait(false);
        ForgetExpired(issued);
        _tokens[fileUrl] = (token, issued);
        return token;
    }

    private Uri? TryGetFresh(string fileUrl, Uri? refused) =>
        _tokens.TryGetValue(fileUrl, out var entry) && entry.Token != refused && _time.GetUtcNow() - entry.Issued < _lifetime
            ? entry.Token
            : null;

    // Keeps the cache as small as the set of files opened within one token lifetime.
    private void ForgetExpired(DateTimeOffset now)
    {
        foreach (var (fileUrl, entry) in _tokens)
        {
            if (now - entry.Issued >= _lifetime)
            {
                _tokens.TryRemove(KeyValuePair.Create(fileUrl, entry));
            }
        }
    }
}
