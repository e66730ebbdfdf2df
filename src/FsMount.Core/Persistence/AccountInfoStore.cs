using FsMount.Core.Remote;

namespace FsMount.Core.Persistence;

/// <summary>
/// The account's last known capacity and subscription end, and when the service may next be asked
/// for them, in the cache database: statfs on a restarted mount answers at once, <c>fsmount about</c>
/// without a mount answers from it, and neither asks again within the service's 5-minute rule.
/// </summary>
internal sealed class AccountInfoStore
{
    private readonly CacheDatabase _database;

    public AccountInfoStore(CacheDatabase database)
    {
        _database = database;

        // Cache folders made before the subscription end was kept have the table without its column.
        var hasSubscriptionEnd = database.Query(
            "SELECT COUNT(*) FROM pragma_table_info('account_info') WHERE name = 'subscription_end_ticks'",
            row => row.GetInt64(0))[0] > 0;
        if (!hasSubscriptionEnd)
        {
            database.Execute("ALTER TABLE account_info ADD COLUMN subscription_end_ticks INTEGER");
        }
    }

    public (RemoteAccountInfo? Info, DateTimeOffset FetchedAt, DateTimeOffset NextAskAt) Load()
    {
        var rows = _database.Query(
            "SELECT used_bytes, total_bytes, fetched_ticks, next_ask_ticks, subscription_end_ticks FROM account_info WHERE id = 1",
            row => (
                Info: row.IsDBNull(0)
                    ? null
                    : new RemoteAccountInfo(row.GetInt64(0), row.GetInt64(1), row.IsDBNull(4) ? null : new DateTimeOffset(row.GetInt64(4), TimeSpan.Zero)),
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
            "UPDATE account_info SET used_bytes = $used, total_bytes = $total, fetched_ticks = $fetched, subscription_end_ticks = $end WHERE id = 1",
            parameters =>
            {
                parameters.AddWithValue("$used", info.UsedBytes);
                parameters.AddWithValue("$total", info.TotalBytes);
                parameters.AddWithValue("$fetched", fetchedAt.UtcTicks);
                parameters.AddWithValue("$end", info.SubscriptionEnd is { } end ? end.UtcTicks : DBNull.Value);
            });
}
