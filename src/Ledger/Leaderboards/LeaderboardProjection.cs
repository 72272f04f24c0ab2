using System.Data.Common;
using System.Text.Json;
using Ledger.Communities;
using Ledger.EventStore;
using Ledger.Households;

namespace Ledger.Leaderboards;

/// <summary>
/// The leaderboard read model: per community, household, calendar month (community zone) and member, the net points
/// earned; plus each community's zone and each household's head. Inline, so a leaderboard without <c>asOf</c> is
/// answered from these rows and is never behind the events. Buckets only ever add, so a batch becomes one additive
/// upsert per bucket; the SQL is the same on SQLite and PostgreSQL.
/// </summary>
public sealed class LeaderboardProjection : IInlineProjection
{
    /// <summary>Monthly member points.</summary>
    public const string PointsTable = "leaderboard_points";

    /// <summary>Households with their community and head.</summary>
    public const string HouseholdsTable = "leaderboard_households";

    /// <summary>Communities with their zone.</summary>
    public const string CommunitiesTable = "leaderboard_communities";

    private static readonly string[] Schema =
    [
        $"CREATE TABLE IF NOT EXISTS {CommunitiesTable} (community_id text PRIMARY KEY, district text NOT NULL, time_zone text NOT NULL)",
        $"CREATE TABLE IF NOT EXISTS {HouseholdsTable} (passbook text PRIMARY KEY, community_id text NOT NULL, head_name text NOT NULL)",
        $"CREATE INDEX IF NOT EXISTS ix_{HouseholdsTable}_community ON {HouseholdsTable} (community_id)",
        $"""
        CREATE TABLE IF NOT EXISTS {PointsTable} (
            community_id text NOT NULL, passbook text NOT NULL, month text NOT NULL, member text NOT NULL,
            points bigint NOT NULL, PRIMARY KEY (community_id, month, passbook, member))
        """,
    ];

    /// <inheritdoc />
    public async Task EnsureSchemaAsync(IReadModelTransaction transaction, CancellationToken cancellationToken)
    {
        foreach (var sql in Schema)
        {
            await using var command = Command(transaction, sql);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    public async Task ApplyAsync(IReadModelTransaction transaction, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        var zones = new Dictionary<string, string>(StringComparer.Ordinal);
        var buckets = new Dictionary<(string, string, DateOnly, string), long>();
        foreach (var e in events.Where(e => LeaderboardPoints.Matters(e.Type)))
        {
            if (e.Type == Ledger.Common.EventNames.Of<CommunityRegistered>())
            {
                var registered = Read<CommunityRegistered>(e);
                zones[registered.CommunityId] = registered.TimeZone;
                await ExecuteAsync(transaction, cancellationToken,
                    $"INSERT INTO {CommunitiesTable} (community_id, district, time_zone) VALUES (@c, @d, @z) ON CONFLICT (community_id) DO NOTHING",
                    ("@c", registered.CommunityId), ("@d", registered.District), ("@z", registered.TimeZone));
                continue;
            }

            if (e.Type == Ledger.Common.EventNames.Of<HouseholdOpened>())
            {
                var opened = Read<HouseholdOpened>(e);
                await ExecuteAsync(transaction, cancellationToken,
                    $"INSERT INTO {HouseholdsTable} (passbook, community_id, head_name) VALUES (@p, @c, @h) ON CONFLICT (passbook) DO NOTHING",
                    ("@p", opened.Passbook), ("@c", opened.CommunityId), ("@h", opened.HeadName));
                continue;
            }

            var data = JsonSerializer.Deserialize(e.Data, Type(e.Type), LedgerJson.Options);
            if (LeaderboardPoints.EarnedChange(data) is { } change && !zones.ContainsKey(change.CommunityId))
            {
                zones[change.CommunityId] = await ZoneAsync(transaction, change.CommunityId, cancellationToken);
            }

            if (LeaderboardPoints.Bucket(e, data, c => zones[c]) is { } bucket)
            {
                var key = (bucket.CommunityId, bucket.Passbook, bucket.Month, bucket.Member);
                buckets[key] = buckets.GetValueOrDefault(key) + bucket.Points;
            }
        }

        foreach (var ((community, passbook, month, member), points) in buckets)
        {
            await ExecuteAsync(transaction, cancellationToken,
                $"""
                INSERT INTO {PointsTable} (community_id, passbook, month, member, points) VALUES (@c, @p, @m, @member, @points)
                ON CONFLICT (community_id, month, passbook, member) DO UPDATE SET points = {PointsTable}.points + excluded.points
                """,
                ("@c", community), ("@p", passbook), ("@m", LeaderboardPeriod.MonthKey(month)), ("@member", member), ("@points", points));
        }
    }

    /// <summary>
    /// Rebuilds every table from the whole ledger in one transaction. For the operator's replay verb and audits: run it
    /// while nothing is appending, since an append that commits between the read and the rewrite would be counted by neither.
    /// </summary>
    public async Task RebuildAsync(IEventStore store, CancellationToken cancellationToken)
    {
        await using var transaction = await store.BeginReadModelTransactionAsync(cancellationToken);
        await EnsureSchemaAsync(transaction, cancellationToken);
        foreach (var table in new[] { PointsTable, HouseholdsTable, CommunitiesTable })
        {
            await ExecuteAsync(transaction, cancellationToken, $"DELETE FROM {table}");
        }

        var batch = new List<RecordedEvent>();
        await foreach (var e in store.ReadAllAsync(0, cancellationToken))
        {
            batch.Add(e);
            if (batch.Count == 1000)
            {
                await ApplyAsync(transaction, batch, cancellationToken);
                batch.Clear();
            }
        }

        await ApplyAsync(transaction, batch, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static Type Type(string name) =>
        name == Ledger.Common.EventNames.Of<PointsAwarded>() ? typeof(PointsAwarded)
        : name == Ledger.Common.EventNames.Of<ActivityPointsAwarded>() ? typeof(ActivityPointsAwarded)
        : name == Ledger.Common.EventNames.Of<PointsDeducted>() ? typeof(PointsDeducted)
        : typeof(EntryCorrected);

    // An award always follows its community's registration, so the zone is in the table (or in this batch) by now.
    private static async Task<string> ZoneAsync(IReadModelTransaction transaction, string communityId, CancellationToken cancellationToken)
    {
        await using var command = Command(transaction, $"SELECT time_zone FROM {CommunitiesTable} WHERE community_id = @c");
        Add(command, "@c", communityId);
        return await command.ExecuteScalarAsync(cancellationToken) as string ?? Ledger.Common.CommunityCalendar.DefaultTimeZone;
    }

    private static async Task ExecuteAsync(
        IReadModelTransaction transaction, CancellationToken cancellationToken, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(transaction, sql);
        foreach (var (name, value) in parameters)
        {
            Add(command, name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static T Read<T>(RecordedEvent e) =>
        JsonSerializer.Deserialize<T>(e.Data, LedgerJson.Options) ?? throw new JsonException($"Event {e.EventId} has null data.");

    internal static DbCommand Command(IReadModelTransaction transaction, string sql)
    {
        var command = transaction.Connection.CreateCommand();
        command.Transaction = transaction.Transaction;
        command.CommandText = sql;
        return command;
    }

    internal static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
