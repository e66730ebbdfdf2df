using FsMount.Core.Remote;

namespace FsMount.Core.Persistence;

/// <summary>
/// The account's last known capacity and when the service may next be asked for it, in the cache
/// database: statfs on a restarted mount answers at once, and a restart never asks again within the
/// service's 5-minute rule.
/// </summary>
internal sealed class AccountInfoStore
{
    private readonly CacheDatabase _database;

    public AccountInfoStore(CacheDatabase database)
    {
        _database = database;
    }

    public (RemoteAccountInfo? Info, DateTimeOffset FetchedAt, DateTimeOffset NextAskAt) Load()
    {
        var rows = _database.Query(
            "SELECT used_bytes, total_bytes, fetched_ticks, next_ask_ticks FROM account_info WHERE id = 1",
            row => (
                Info: row.IsDBNull(0) ? null : new RemoteAccountInfo(row.GetInt64(0), row.GetInt64(1)),
                FetchedAt: row.IsDBNull(2) ? DateTimeOffset.MinValue : new DateTimeOffset(row.GetInt64(2), TimeSpan.Zero),
                NextAskAt: new DateTimeOffset(row.GetInt64(3), TimeSpan.Zero)));
        return rows.Count == 0 ? (null, DateTimeOffset.MinValue, DateTimeOffset.MinValue) : rows[0];
    }

    /// <summary>Records an ask before it is sent: the service counts it whatever comes back.</summary>
    public void SaveAsk(DateTimeOffset nextAskAt) =>
        _database.Execute(
            "INSERT INTO account_info (id, next_ask_ticks) VALUES (1, $next) ON CONFLICT (id) DO UPDATE SET next_ask_ticks = $next",
            parameters => parameters.AddWithValue("$next", nextAskAt.UtcTicks));

    public void SaveAnswer(RemoteAccountInfo info, DateTimeOffset fetchedAt) =>
        _database.Execute(
            "UPDATE account_info SET used_bytes = $used, total_bytes = $total, fetched_ticks = $fetched WHERE id = 1",
            parameters =>
            {
                parameters.AddWithValue("$used", info.UsedBytes);
                parameters.AddWithValue("$total", info.TotalBytes);
                parameters.AddWithValue("$fetched", fetchedAt.UtcTicks);
            });
}
