using System.Text.Json;
using Ledger.Communities;
using Ledger.EventStore;
using Ledger.EventStore.Projections;
using Ledger.Households;
using static Ledger.EventStore.DecidedEvents;

namespace Ledger.Leaderboards;

/// <summary>
/// The leaderboard read model: per community, household, calendar month (community zone, of each entry's business date,
/// <see cref="Ledger.Common.BusinessDate"/>) and member, the net points earned; plus each community's zone, each household's head and each household's star level (星级户). Inline, so a leaderboard without <c>asOf</c> is
/// answered from these rows and is never behind the events. Buckets only ever add, so a batch becomes one additive
/// upsert per bucket.
/// </summary>
public sealed class LeaderboardProjection : IProjection
{
    /// <summary>Monthly member points.</summary>
    public const string PointsTable = "leaderboard_points";

    /// <summary>Households with their community and head.</summary>
    public const string HouseholdsTable = "leaderboard_households";

    /// <summary>Communities with their zone.</summary>
    public const string CommunitiesTable = "leaderboard_communities";

    /// <summary>
    /// Households' star levels, one row from the first level reached. A table of its own rather than a column of the
    /// households table: existing stores create it as it is (tables are created if missing) without a rebuild.
    /// </summary>
    public const string StarLevelsTable = "leaderboard_star_levels";

    private static readonly Upsert Communities = new(CommunitiesTable, ["community_id"], Set: ["district", "time_zone"]);
    private static readonly Upsert Households = new(HouseholdsTable, ["passbook"], Set: ["community_id", "head_name"]);
    private static readonly Upsert Points = new(PointsTable, ["community_id", "month", "passbook", "member"], Add: ["points"]);
    private static readonly Upsert StarLevels = new(StarLevelsTable, ["passbook"], Set: ["community_id", "star_level"]);

    /// <inheritdoc />
    public string Name => "leaderboard";

    /// <inheritdoc />
    public IReadOnlyList<ReadModelTable> Tables { get; } =
    [
        new(CommunitiesTable,
            [ReadModelColumn.Text("community_id"), ReadModelColumn.Text("district"), ReadModelColumn.Text("time_zone")],
            ["community_id"], [["district"]]),
        new(HouseholdsTable,
            [ReadModelColumn.Text("passbook"), ReadModelColumn.Text("community_id"), ReadModelColumn.Text("head_name")],
            ["passbook"], [["community_id"]]),
        new(PointsTable,
            [
                ReadModelColumn.Text("community_id"), ReadModelColumn.Text("month"), ReadModelColumn.Text("passbook"),
                ReadModelColumn.Text("member"), ReadModelColumn.BigInt("points"),
            ],
            ["community_id", "month", "passbook", "member"]),
        new(StarLevelsTable,
            [ReadModelColumn.Text("passbook"), ReadModelColumn.Text("community_id"), ReadModelColumn.BigInt("star_level")],
            ["passbook"], [["community_id"]]),
    ];

    /// <inheritdoc />
    public async Task ApplyAsync(IReadModelTransaction transaction, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        // A registration or an opening happens once per id, so "first seen" is the row; buckets only ever add.
        var communities = new Dictionary<string, CommunityRegistered>(StringComparer.Ordinal);
        var households = new Dictionary<string, HouseholdOpened>(StringComparer.Ordinal);
        var zones = new Dictionary<string, string>(StringComparer.Ordinal);
        var buckets = new Dictionary<(string, string, string, string), long>();
        var starLevels = new Dictionary<string, (string CommunityId, int Stars)>(StringComparer.Ordinal);
        foreach (var e in events.Where(e => LeaderboardPoints.Matters(e.Type)))
        {
            if (e.Type == Ledger.Common.EventNames.Of<CommunityRegistered>())
            {
                var registered = Read<CommunityRegistered>(e);
                communities.TryAdd(registered.CommunityId, registered);
                zones.TryAdd(registered.CommunityId, registered.TimeZone);
                continue;
            }

            if (e.Type == Ledger.Common.EventNames.Of<HouseholdOpened>())
            {
                var opened = Read<HouseholdOpened>(e);
                households.TryAdd(opened.Passbook, opened);
                continue;
            }

            var data = JsonSerializer.Deserialize(e.Data, Type(e.Type), LedgerJson.Options);
            if (LeaderboardPoints.StarLevel(e, data) is { } level)
            {
                // Events come in order and a household's levels only rise, so the batch's last is the level.
                starLevels[level.Passbook] = (level.CommunityId, level.Stars);
                continue;
            }

            if (LeaderboardPoints.EarnedChange(data) is { } change && !zones.ContainsKey(change.CommunityId))
            {
                zones[change.CommunityId] = await ZoneAsync(transaction, change.CommunityId, cancellationToken);
            }

            if (LeaderboardPoints.Bucket(e, data, c => zones[c]) is { } bucket)
            {
                var key = (bucket.CommunityId, LeaderboardPeriod.MonthKey(bucket.Month), bucket.Passbook, bucket.Member);
                buckets[key] = buckets.GetValueOrDefault(key) + bucket.Points;
            }
        }

        await transaction.UpsertAsync(
            Communities, [.. communities.Values.Select(c => new object?[] { c.CommunityId, c.District, c.TimeZone })], cancellationToken);
        await transaction.UpsertAsync(
            Households, [.. households.Values.Select(h => new object?[] { h.Passbook, h.CommunityId, h.HeadName })], cancellationToken);
        await transaction.UpsertAsync(
            Points, [.. buckets.Select(b => new object?[] { b.Key.Item1, b.Key.Item2, b.Key.Item3, b.Key.Item4, b.Value })], cancellationToken);
        await transaction.UpsertAsync(
            StarLevels, [.. starLevels.Select(s => new object?[] { s.Key, s.Value.CommunityId, (long)s.Value.Stars })], cancellationToken);
    }

    private static Type Type(string name) =>
        Ledger.Common.EventNames.Is<PointsAwarded>(name) ? typeof(PointsAwarded)
        : Ledger.Common.EventNames.Is<ActivityPointsAwarded>(name) ? typeof(ActivityPointsAwarded)
        : name == Ledger.Common.EventNames.Of<PointsDeducted>() ? typeof(PointsDeducted)
        : name == Ledger.Common.EventNames.Of<StarLevelReached>() ? typeof(StarLevelReached)
        : typeof(EntryCorrected);

    // An award always follows its community's registration, so the zone is in the table (or in this batch) by now.
    private static async Task<string> ZoneAsync(IReadModelTransaction transaction, string communityId, CancellationToken cancellationToken)
    {
        // The projections before this one in an append may hold writes (PostgreSQL batches them): send them first.
        await transaction.FlushAsync(cancellationToken);
        await using var command = transaction.CreateCommand(
            $"SELECT time_zone FROM {transaction.Table(CommunitiesTable)} WHERE community_id = @c", ("@c", communityId));
        return await command.ExecuteScalarAsync(cancellationToken) as string ?? Ledger.Common.CommunityCalendar.DefaultTimeZone;
    }
}
