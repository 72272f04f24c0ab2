using Ledger.Common;
using Ledger.EventStore;
using Ledger.EventStore.Projections;
using Ledger.Households;

namespace Ledger.Leaderboards;

/// <summary>A community as the leaderboard read model knows it.</summary>
public sealed record LeaderboardCommunity(string CommunityId, string District, string TimeZone);

/// <summary>
/// Member points of a period, with each household's head: what <see cref="LeaderboardRanking"/> ranks; and each
/// household's star level as the board stands (now or at the time asked for), whatever the period.
/// </summary>
public sealed record PeriodPoints(
    IReadOnlyList<(string Passbook, string Member, long Points)> Points, IReadOnlyDictionary<string, string> Heads,
    IReadOnlyDictionary<string, int> StarLevels)
{
    /// <summary>Ranks these points.</summary>
    public IReadOnlyList<LeaderboardEntry> Rank(int? top) =>
        LeaderboardRanking.Rank(Points, p => Heads.GetValueOrDefault(p) ?? "", top);

    /// <summary>Ranks these points, each household with its star level.</summary>
    public IReadOnlyList<LeaderboardStanding> Standings(int? top) =>
        [.. Rank(top).Select(e => LeaderboardStanding.From(e, StarLevels.GetValueOrDefault(e.Passbook)))];
}

/// <summary>
/// Reads the leaderboard: from the projection's monthly buckets (the live board), or by folding the community's
/// household streams up to a time or a ledger position (a board as it stood then, and honour-roll recomputation).
/// </summary>
public static class LeaderboardReadModel
{
    /// <summary>The community, or null when the read model has not seen it.</summary>
    public static async Task<LeaderboardCommunity?> FindCommunityAsync(IReadModelStore store, string communityId, CancellationToken cancellationToken)
    {
        await using var transaction = await store.BeginReadModelQueryAsync(cancellationToken);
        await using var command = transaction.CreateCommand(
            $"SELECT district, time_zone FROM {LeaderboardProjection.CommunitiesTable} WHERE community_id = @c", ("@c", communityId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new LeaderboardCommunity(communityId, reader.GetString(0), reader.GetString(1))
            : null;
    }

    /// <summary>The period's member points from the projection: the sum of its month buckets.</summary>
    public static async Task<PeriodPoints> ReadAsync(
        IReadModelStore store, string communityId, LeaderboardPeriod period, CancellationToken cancellationToken)
    {
        // One snapshot: the buckets and the heads are read as of the same moment.
        await using var transaction = await store.BeginReadModelQueryAsync(cancellationToken);
        var sql = $"SELECT passbook, member, SUM(points) FROM {LeaderboardProjection.PointsTable} WHERE community_id = @c" +
            (period.IsAll ? "" : " AND month >= @from AND month < @to") + " GROUP BY passbook, member";
        var points = new List<(string, string, long)>();
        await using (var command = transaction.CreateCommand(sql, ("@c", communityId)))
        {
            if (!period.IsAll)
            {
                ReadModelSql.AddParameter(command, "@from", LeaderboardPeriod.MonthKey(period.FirstMonth!.Value));
                ReadModelSql.AddParameter(command, "@to", LeaderboardPeriod.MonthKey(period.EndMonth!.Value));
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                points.Add((reader.GetString(0), reader.GetString(1), Convert.ToInt64(reader.GetValue(2))));
            }
        }

        return new PeriodPoints(
            points, await HeadsAsync(transaction, communityId, cancellationToken), await StarLevelsAsync(transaction, communityId, cancellationToken));
    }

    /// <summary>
    /// The period's member points folded from the community's household streams, counting only the events
    /// <paramref name="include"/> accepts. Events are read in stream order and the first refused one ends the stream,
    /// so the filter must describe a prefix (recorded at or before a time, at or below a position).
    /// </summary>
    public static async Task<PeriodPoints> FoldAsync(
        IEventStore store, IReadModelStore readModels, EventTypeRegistry registry, LeaderboardCommunity community, LeaderboardPeriod period,
        Func<RecordedEvent, bool> include, CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, string> heads;
        await using (var transaction = await readModels.BeginReadModelQueryAsync(cancellationToken))
        {
            heads = await HeadsAsync(transaction, community.CommunityId, cancellationToken);
        }

        var points = new List<(string, string, long)>();
        var starLevels = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var passbook in heads.Keys.Order(StringComparer.Ordinal))
        {
            await foreach (var e in store.ReadStreamAsync(StreamIds.Household(passbook), 1, cancellationToken))
            {
                if (!include(e))
                {
                    break;
                }

                if (!LeaderboardPoints.Matters(e.Type))
                {
                    continue;
                }

                var data = registry.Deserialize(e);
                if (LeaderboardPoints.StarLevel(e, data) is { } level && level.CommunityId == community.CommunityId)
                {
                    starLevels[level.Passbook] = level.Stars;
                }
                else if (LeaderboardPoints.Bucket(e, data, _ => community.TimeZone) is { } bucket &&
                    bucket.CommunityId == community.CommunityId && period.Contains(bucket.Month))
                {
                    points.Add((bucket.Passbook, bucket.Member, bucket.Points));
                }
            }
        }

        return new PeriodPoints(points, heads, starLevels);
    }

    private static async Task<IReadOnlyDictionary<string, string>> HeadsAsync(
        IReadModelTransaction transaction, string communityId, CancellationToken cancellationToken)
    {
        await using var command = transaction.CreateCommand(
            $"SELECT passbook, head_name FROM {LeaderboardProjection.HouseholdsTable} WHERE community_id = @c", ("@c", communityId));
        var heads = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            heads[reader.GetString(0)] = reader.GetString(1);
        }

        return heads;
    }

    private static async Task<IReadOnlyDictionary<string, int>> StarLevelsAsync(
        IReadModelTransaction transaction, string communityId, CancellationToken cancellationToken)
    {
        await using var command = transaction.CreateCommand(
            $"SELECT passbook, star_level FROM {transaction.Table(LeaderboardProjection.StarLevelsTable)} WHERE community_id = @c",
            ("@c", communityId));
        var levels = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            levels[reader.GetString(0)] = Convert.ToInt32(reader.GetValue(1));
        }

        return levels;
    }
}
