using System.Collections.Concurrent;
using FsMount.Emulator.Limits;

namespace FsMount.Emulator.State;

/// <summary>
/// Download tokens, in memory (a restart invalidates them, as the service's expire anyway). A token must be
/// first used within the token lifetime; a <c>single</c> token then serves that one request only (when single-use
/// is enforced), a reusable one keeps working for the reuse window after its first use.
/// </summary>
internal sealed class DownloadTokens
{
    private readonly ConcurrentDictionary<string, DownloadToken> _tokens = new(StringComparer.Ordinal);
    private readonly LimitSettings _limits;
    private readonly bool _enforceSingleUse;
    private readonly TimeProvider _time;

    public DownloadTokens(LimitSettings limits, bool enforceSingleUse, TimeProvider time)
    {
        _limits = limits;
        _enforceSingleUse = enforceSingleUse;
        _time = time;
    }

    public string Issue(string fileId, bool single)
    {
        DateTimeOffset now = _time.GetUtcNow();
        foreach ((string key, DownloadToken stale) in _tokens)
        {
            if (!CanStillServe(stale, now))
            {
                _tokens.TryRemove(key, out _);
            }
        }

        string token = RandomIds.DownloadToken();
        _tokens[token] = new DownloadToken(fileId, single, now);
        return token;
    }

    /// <summary>Uses the token for one request; returns the file id, or null when the token cannot serve.</summary>
    public string? Use(string token)
    {
        if (!_tokens.TryGetValue(token, out DownloadToken? entry))
        {
            return null;
        }

        lock (entry)
        {
            DateTimeOffset now = _time.GetUtcNow();
            if (!CanStillServe(entry, now))
            {
                return null;
            }

            entry.FirstUse ??= now;
            return entry.FileId;
        }
    }

    private bool CanStillServe(DownloadToken token, DateTimeOffset now)
    {
        if (token.FirstUse is not DateTimeOffset firstUse)
        {
            return now - token.Issued <= _limits.TokenLifetime;
        }

        if (token.Single && _enforceSingleUse)
        {
            return false;
        }

        return now - firstUse <= _limits.TokenReuseWindow;
    }
}
