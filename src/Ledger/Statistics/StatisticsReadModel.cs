using System.Globalization;
using Ledger.EventStore;
using Ledger.EventStore.Projections;
using Ledger.Leaderboards;

namespace Ledger.Statistics;

/// <summary>A community as the statistics read model knows it.</summary>
public sealed record StatisticsCommunity(string CommunityId, string Name, string District, string TimeZone);

/// <summary>One community's figures for a period, straight from the month rows.</summary>
/// <param name="Community">The community.</param>
/// <param name="InPeriod">The month counters summed over the period.</param>
/// <param name="Households">Distinct households with a participation in the period.</param>
/// <param name="HouseholdsAtEnd">Households opened before the period's end.</param>
/// <param name="Outstanding">The sum of balances at the period's end.</param>
public sealed record CommunityFigures(StatisticsCommunity Community, MonthFigures InPeriod, long Households, long HouseholdsAtEnd, long Outstanding);

/// <summary>
/// Reads what <see cref="StatisticsProjection"/> keeps: a handful of indexed, grouped SELECTs over month rows, in one
/// uncommitted read-model transaction so every figure comes from the same snapshot. Never reads events.
/// </summary>
public static class StatisticsReadModel
{
    // Month keys are yyyy-MM text; this sorts after all of them, so "all" is the range [first, End).
    private const string AfterEveryMonth = "9999-99";

    private static readonly string Sums = string.Join(", ", MonthFigures.Columns.Select(c =>
        $"SUM(CASE WHEN m.month >= @from THEN m.{c} ELSE 0 END)"));

    /// <summary>The community, or null when the read model has not seen it.</summary>
    public static async Task<StatisticsCommunity?> FindCommunityAsync(IReadModelStore store, string communityId, CancellationToken cancellationToken)
    {
        var found = await CommunitiesAsync(store, "community_id = @key", communityId, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    /// <summary>The communities of a district, by id; empty for a district nobody registered.</summary>
    public static Task<IReadOnlyList<StatisticsCommunity>> DistrictAsync(IReadModelStore store, string district, CancellationToken cancellationToken) =>
        CommunitiesAsync(store, "district = @key", district, cancellationToken);

    /// <summary>The figures of <paramref name="communities"/> for <paramref name="period"/>, in the order given.</summary>
    public static async Task<IReadOnlyList<CommunityFigures>> ReadAsync(
        IReadModelStore store, IReadOnlyList<StatisticsCommunity> communities, LeaderboardPeriod period, CancellationToken cancellationToken)
    {
        if (communities.Count == 0)
        {
            return [];
        }

        await using var transaction = await store.BeginReadModelQueryAsync(cancellationToken);
        var (ids, parameters) = InList(communities, period);
        var figures = new Dictionary<string, (MonthFigures InPeriod, long HouseholdsAtEnd, long Outstanding)>(StringComparer.Ordinal);
        var sql = $"""
            SELECT m.community_id, {Sums}, SUM(m.households_opened),
                SUM(m.issued - m.deducted - m.corrected - m.redeemed + m.refunded)
            FROM {StatisticsProjection.MonthsTable} m
            WHERE m.community_id IN ({ids}) AND m.month < @to
            GROUP BY m.community_id
            """;
        await using (var command = transaction.CreateCommand(sql, parameters))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                long Long(int i) => reader.IsDBNull(i) ? 0 : Convert.ToInt64(reader.GetValue(i), CultureInfo.InvariantCulture);
                var inPeriod = new MonthFigures(Long(1), Long(2), Long(3), Long(4), Long(5), Long(6), Long(7), Long(8), Long(9));
                figures[reader.GetString(0)] = (inPeriod, Long(10), Long(11));
            }
        }

        var households = new Dictionary<string, long>(StringComparer.Ordinal);
        var distinct = $"""
            SELECT community_id, COUNT(*) FROM (
                SELECT community_id, passbook FROM {StatisticsProjection.ParticipantsTable}
                WHERE community_id IN ({ids}) AND month >= @from AND month < @to
                GROUP BY community_id, passbook HAVING SUM(participations) > 0) taking_part
            GROUP BY community_id
            """;
        await using (var command = transaction.CreateCommand(distinct, parameters))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                households[reader.GetString(0)] = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
            }
        }

        return [.. communities.Select(c =>
        {
            var (inPeriod, atEnd, outstanding) = figures.GetValueOrDefault(c.CommunityId);
            return new CommunityFigures(c, inPeriod, households.GetValueOrDefault(c.CommunityId), atEnd, outstanding);
        })];
    }

    private static (string Ids, (string, object?)[] Parameters) InList(IReadOnlyList<StatisticsCommunity> communities, LeaderboardPeriod period)
    {
        var parameters = new List<(string, object?)>
        {
            ("@from", period.IsAll ? "" : LeaderboardPeriod.MonthKey(period.FirstMonth!.Value)),
            ("@to", period.IsAll ? AfterEveryMonth : LeaderboardPeriod.MonthKey(period.EndMonth!.Value)),
        };
        parameters.AddRange(communities.Select((c, i) => ($"@c{i}", (object?)c.CommunityId)));
        return (string.Join(", ", communities.Select((_, i) => $"@c{i}")), [.. parameters]);
    }

    private static async Task<IReadOnlyList<StatisticsCommunity>> CommunitiesAsync(
        IReadModelStore store, string where, string key, CancellationToken cancellationToken)
    {
        await using var transaction = await store.BeginReadModelQueryAsync(cancellationToken);
        await using var command = transaction.CreateCommand(
            $"SELECT community_id, name, district, time_zone FROM {StatisticsProjection.CommunitiesTable} WHERE {where}", ("@key", key));
        var communities = new List<StatisticsCommunity>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            communities.Add(new StatisticsCommunity(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        // Ordered here: SQLite's and PostgreSQL's default collations order mixed-case ids differently.
        return [.. communities.OrderBy(c => c.CommunityId, StringComparer.Ordinal)];
    }
}
