using Ledger.Activities;
using Ledger.Common;
using Ledger.Communities;
using Ledger.EventStore;
using Ledger.EventStore.Projections;
using Ledger.Households;
using Ledger.Leaderboards;
using static Ledger.EventStore.DecidedEvents;

namespace Ledger.Statistics;

/// <summary>
/// The statistics read model, run async by <see cref="ProjectionDaemon"/>: per community and calendar month (community
/// zone; an award or participation in the month it occurred on, everything else in the month it was recorded,
/// <see cref="BusinessDate"/>) the households opened, activities held, participations (人次) and every kind of points movement; per
/// community, month and household the participations, for "distinct households taking part". A period's figures are
/// sums of month rows, and "outstanding" the sum of every balance change before the period's end, so no query ever
/// reads events. Supermarket movements are seen through <see cref="IHouseholdPointsMovement"/>, found with the
/// registry, so the ledger never references the supermarket.
/// </summary>
public sealed class StatisticsProjection(EventTypeRegistry registry) : IProjection
{
    /// <summary>Communities: name, district and zone.</summary>
    public const string CommunitiesTable = "statistics_communities";

    /// <summary>Households and their community, so a movement on a household stream finds its community.</summary>
    public const string HouseholdsTable = "statistics_households";

    /// <summary>Per community and month: the counters of <see cref="MonthFigures"/>.</summary>
    public const string MonthsTable = "statistics_months";

    /// <summary>Per community, month and household: participations.</summary>
    public const string ParticipantsTable = "statistics_participants";

    private static readonly Upsert Communities = new(CommunitiesTable, ["community_id"], Set: ["name", "district", "time_zone"]);
    private static readonly Upsert Households = new(HouseholdsTable, ["passbook"], Set: ["community_id"]);
    private static readonly Upsert Months = new(MonthsTable, ["community_id", "month"], Add: MonthFigures.Columns);
    private static readonly Upsert Participants = new(ParticipantsTable, ["community_id", "month", "passbook"], Add: ["participations"]);

    /// <inheritdoc />
    public string Name => "statistics";

    /// <inheritdoc />
    public IReadOnlyList<ReadModelTable> Tables { get; } =
    [
        new(CommunitiesTable,
            [ReadModelColumn.Text("community_id"), ReadModelColumn.Text("name"), ReadModelColumn.Text("district"), ReadModelColumn.Text("time_zone")],
            ["community_id"], [["district"]]),
        new(HouseholdsTable, [ReadModelColumn.Text("passbook"), ReadModelColumn.Text("community_id")], ["passbook"]),
        new(MonthsTable,
            [ReadModelColumn.Text("community_id"), ReadModelColumn.Text("month"), .. MonthFigures.Columns.Select(c => ReadModelColumn.BigInt(c))],
            ["community_id", "month"]),
        new(ParticipantsTable,
            [ReadModelColumn.Text("community_id"), ReadModelColumn.Text("month"), ReadModelColumn.Text("passbook"), ReadModelColumn.BigInt("participations")],
            ["community_id", "month", "passbook"]),
    ];

    /// <inheritdoc />
    public async Task ApplyAsync(IReadModelTransaction transaction, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        var batch = new StatisticsBatch(transaction);
        foreach (var e in events)
        {
            await ApplyAsync(batch, e, cancellationToken);
        }

        await transaction.UpsertAsync(
            Communities, [.. batch.NewCommunities.Select(c => new object?[] { c.CommunityId, c.Name, c.District, c.TimeZone })], cancellationToken);
        await transaction.UpsertAsync(
            Households, [.. batch.NewHouseholds.Select(h => new object?[] { h.Key, h.Value })], cancellationToken);
        await transaction.UpsertAsync(
            Months, [.. batch.Months.Select(m => (object?[])[m.Key.CommunityId, m.Key.Month, .. m.Value.Values()])], cancellationToken);
        await transaction.UpsertAsync(
            Participants, [.. batch.Participants.Select(p => new object?[] { p.Key.CommunityId, p.Key.Month, p.Key.Passbook, p.Value })], cancellationToken);
    }

    private async Task ApplyAsync(StatisticsBatch batch, RecordedEvent e, CancellationToken cancellationToken)
    {
        if (e.Type == EventNames.Of<CommunityRegistered>())
        {
            batch.Register(Read<CommunityRegistered>(e));
        }
        else if (e.Type == EventNames.Of<HouseholdOpened>())
        {
            var opened = Read<HouseholdOpened>(e);
            batch.Open(opened.Passbook, opened.CommunityId);
            await batch.AddAsync(opened.CommunityId, e.RecordedAt, new MonthFigures(HouseholdsOpened: 1), cancellationToken);
        }
        else if (EventNames.Is<ActivityScheduled>(e.Type))
        {
            // An activity counts in the month it is held, which is a local date already.
            var scheduled = Read<ActivityScheduled>(e);
            batch.Add(scheduled.CommunityId, LeaderboardPeriod.MonthKey(new DateOnly(scheduled.Date.Year, scheduled.Date.Month, 1)), new MonthFigures(Activities: 1));
        }
        else if (EventNames.Is<PointsAwarded>(e.Type))
        {
            var award = Read<PointsAwarded>(e);
            await batch.AddAsync(award.CommunityId, e.RecordedAt, new MonthFigures(Issued: award.Points), cancellationToken, award.OccurredOn);
        }
        else if (EventNames.Is<ActivityPointsAwarded>(e.Type))
        {
            var award = Read<ActivityPointsAwarded>(e);
            await batch.ParticipateAsync(
                award.CommunityId, e, 1, new MonthFigures(Participations: 1, Issued: award.Points), cancellationToken, award.OccurredOn);
        }
        else if (e.Type == EventNames.Of<PointsDeducted>())
        {
            var deduction = Read<PointsDeducted>(e);
            await batch.AddAsync(deduction.CommunityId, e.RecordedAt, new MonthFigures(Deducted: deduction.Applied), cancellationToken);
        }
        else if (e.Type == EventNames.Of<EntryCorrected>())
        {
            // A reversed activity award also takes back its participation (a duplicate registration is no 人次).
            var correction = Read<EntryCorrected>(e);
            var participation = correction.CorrectedKind == EntryKind.ActivityAward ? -1 : 0;
            await batch.ParticipateAsync(
                correction.CommunityId, e, participation, new MonthFigures(Participations: participation, Corrected: -correction.Points), cancellationToken);
        }
        else if (registry.TypeOf(e.Type) is { } type && typeof(IHouseholdPointsMovement).IsAssignableFrom(type)
                 && LeaderboardPoints.PassbookOf(e.StreamId) is { } passbook
                 && await batch.CommunityOfAsync(passbook, cancellationToken) is { } communityId)
        {
            var movement = (IHouseholdPointsMovement)registry.Deserialize(e)!;
            // A receipt takes points once, in one movement, so movements also count receipts.
            var figures = movement.Kind == PointsMovementKind.Redeemed ? new MonthFigures(Redeemed: movement.Points, Redemptions: 1) : new MonthFigures(Refunded: movement.Points);
            await batch.AddAsync(communityId, e.RecordedAt, figures, cancellationToken);
        }
    }
}
