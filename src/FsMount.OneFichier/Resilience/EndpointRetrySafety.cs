using System.Collections.Frozen;

namespace FsMount.OneFichier.Resilience;

/// <summary>
/// The one table of what each endpoint the client calls may be retried as (docs/onefichier-api.md section 3). A
/// new endpoint must be added here before it can be called: <see cref="Of"/> refuses names it does not know.
/// </summary>
internal static class EndpointRetrySafety
{
    private static readonly FrozenDictionary<string, RetrySafety> s_table = new Dictionary<string, RetrySafety>(StringComparer.Ordinal)
    {
        ["folder/ls.cgi"] = RetrySafety.ReadOnly,
        ["file/ls.cgi"] = RetrySafety.ReadOnly,
        ["file/info.cgi"] = RetrySafety.ReadOnly,
        ["user/info.cgi"] = RetrySafety.ReadOnly,
        ["remote/ls.cgi"] = RetrySafety.ReadOnly,
        ["remote/info.cgi"] = RetrySafety.ReadOnly,

        // Each hands out something new (a token, an upload id), but nothing is kept that a repeat would double.
        ["download/get_token.cgi"] = RetrySafety.ReadOnly,
        ["upload/get_upload_server.cgi"] = RetrySafety.ReadOnly,
        ["end.pl"] = RetrySafety.ReadOnly,
        ["download"] = RetrySafety.ReadOnly,

        // A repeat finds the work done: #469 for removals, #312 for a rename to the name it already has, OK for a
        // move to where the folder or file already is and for attributes already set.
        ["folder/rm.cgi"] = RetrySafety.Idempotent,
        ["folder/mv.cgi"] = RetrySafety.Idempotent,
        ["file/mv.cgi"] = RetrySafety.Idempotent,
        ["file/rename.cgi"] = RetrySafety.Idempotent,
        ["file/rm.cgi"] = RetrySafety.Idempotent,
        ["file/chattr.cgi"] = RetrySafety.Idempotent,

        // A repeat makes a second folder (or "already exists"), a second copy, a second file, a second remote upload.
        ["folder/mkdir.cgi"] = RetrySafety.Creating,
        ["file/cp.cgi"] = RetrySafety.Creating,
        ["upload.cgi"] = RetrySafety.Creating,
        ["remote/request.cgi"] = RetrySafety.Creating,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every endpoint of the table, for tests.</summary>
    public static IEnumerable<string> Endpoints => s_table.Keys;

    /// <exception cref="ArgumentException">The endpoint is not in the table.</exception>
    public static RetrySafety Of(string endpoint) =>
        s_table.TryGetValue(endpoint, out var safety)
            ? safety
            : throw new ArgumentException($"'{endpoint}' is not in the retry safety table.", nameof(endpoint));
}
