using System.Data.Common;
using Ledger.Leaderboards;
using Ledger.Statistics;

namespace Ledger.Benchmarks;

/// <summary>
/// The raw yardstick of <see cref="QueryLatency"/>: the read models' own SELECTs, run on one open connection with no
/// read-model transaction and no mapping, reading every row.
/// </summary>
internal static class RawSql
{
    public static async Task LeaderboardAsync(DbConnection connection, string communityId, LeaderboardPeriod period)
    {
        await ReadAsync(connection,
            $"SELECT passbook, member, SUM(points) FROM {LeaderboardProjection.PointsTable} WHERE community_id = @c AND month >= @from AND month < @to GROUP BY passbook, member",
            [("@c", communityId), .. Range(period)]);
        await ReadAsync(connection, $"SELECT passbook, head_name FROM {LeaderboardProjection.HouseholdsTable} WHERE community_id = @c", [("@c", communityId)]);
    }

    public static async Task StatsAsync(DbConnection connection, IReadOnlyList<string> communities, LeaderboardPeriod period, string? district = null)
    {
        var ids = string.Join(", ", communities.Select((_, i) => $"@c{i}"));
        (string, object)[] parameters = [.. Range(period), .. communities.Select((c, i) => ($"@c{i}", (object)c))];
        await ReadAsync(connection,
            $"SELECT community_id, name, district, time_zone FROM {StatisticsProjection.CommunitiesTable} WHERE " +
            (district is null ? "community_id = @key" : "district = @key"), [("@key", district ?? communities[0])]);
        var sums = string.Join(", ", MonthFigures.Columns.Select(c => $"SUM(CASE WHEN m.month >= @from THEN m.{c} ELSE 0 END)"));
        await ReadAsync(connection,
            $"SELECT m.community_id, {sums}, SUM(m.households_opened), SUM(m.issued - m.deducted - m.corrected - m.redeemed + m.refunded) " +
            $"FROM {StatisticsProjection.MonthsTable} m WHERE m.community_id IN ({ids}) AND m.month < @to GROUP BY m.community_id", parameters);
        await ReadAsync(connection,
            $"SELECT community_id, COUNT(*) FROM (SELECT community_id, passbook FROM {StatisticsProjection.ParticipantsTable} " +
            $"WHERE community_id IN ({ids}) AND month >= @from AND month < @to GROUP BY community_id, passbook HAVING SUM(participations) > 0) t GROUP BY community_id",
            parameters);
    }

    private static (string, object)[] Range(LeaderboardPeriod period) =>
        [("@from", LeaderboardPeriod.MonthKey(period.FirstMonth!.Value)), ("@to", LeaderboardPeriod.MonthKey(period.EndMonth!.Value))];

    private static async Task ReadAsync(DbConnection connection, string sql, (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                _ = reader.GetValue(i);
            }
        }
    }
}
