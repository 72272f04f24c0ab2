using Ledger.Activities;
using Ledger.Common;
using Ledger.Communities;
using Ledger.EventStore;
using Ledger.EventStore.Projections;
using Ledger.Households;
using static Ledger.EventStore.DecidedEvents;

namespace Ledger.Projections;

/// <summary>
/// The community directory: per community, how many households, points items, activities and participations.
/// Inline, so <c>GET /api/communities/{cid}</c> is never behind the events. Counts only grow with events, so each
/// batch becomes one additive upsert per community.
/// </summary>
public sealed class CommunityDirectoryProjection : IProjection
{
    /// <summary>The read model's table.</summary>
    public const string Table = "community_directory";

    private static readonly Upsert Counts =
        new(Table, ["community_id"], Add: ["households", "points_items", "activities", "participations"]);

    /// <inheritdoc />
    public string Name => "community_directory";

    /// <inheritdoc />
    public IReadOnlyList<ReadModelTable> Tables { get; } =
    [
        new(Table,
            [
                ReadModelColumn.Text("community_id"), ReadModelColumn.BigInt("households"), ReadModelColumn.BigInt("points_items"),
                ReadModelColumn.BigInt("activities"), ReadModelColumn.BigInt("participations"),
            ],
            ["community_id"]),
    ];

    /// <inheritdoc />
    public Task ApplyAsync(IReadModelTransaction transaction, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken) =>
        transaction.UpsertAsync(
            Counts,
            [.. Count(events).Select(c => new object?[] { c.Key, c.Value.Households, c.Value.PointsItems, c.Value.Activities, c.Value.Participations })],
            cancellationToken);

    /// <summary>The count changes a batch of events makes, per community, in order of first appearance.</summary>
    internal static IReadOnlyDictionary<string, DirectoryCounts> Count(IEnumerable<RecordedEvent> events)
    {
        var changes = new Dictionary<string, DirectoryCounts>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            var change = Change(e);
            if (change is not null)
            {
                changes[change.Value.CommunityId] = changes.GetValueOrDefault(change.Value.CommunityId) + change.Value.Counts;
            }
        }

        return changes;
    }

    private static (string CommunityId, DirectoryCounts Counts)? Change(RecordedEvent e)
    {
        if (e.Type == EventNames.Of<CommunityRegistered>())
        {
            return (Read<CommunityRegistered>(e).CommunityId, default);
        }

        if (e.Type == EventNames.Of<HouseholdOpened>())
        {
            return (Read<HouseholdOpened>(e).CommunityId, new DirectoryCounts(Households: 1));
        }

        if (e.Type == EventNames.Of<PointsItemDefined>())
        {
            // A revision is another version of the same item: only the first version adds an item.
            var defined = Read<PointsItemDefined>(e);
            return defined.Version == 1 ? (defined.CommunityId, new DirectoryCounts(PointsItems: 1)) : null;
        }

        if (EventNames.Is<ActivityScheduled>(e.Type))
        {
            return (Read<ActivityScheduled>(e).CommunityId, new DirectoryCounts(Activities: 1));
        }

        if (e.Type == EventNames.Of<ParticipantsAdded>())
        {
            var added = Read<ParticipantsAdded>(e);
            return (added.CommunityId, new DirectoryCounts(Participations: added.Participants.Count));
        }

        return null;
    }
}

/// <summary>One community's counts in the directory (or a change to them).</summary>
public readonly record struct DirectoryCounts(long Households = 0, long PointsItems = 0, long Activities = 0, long Participations = 0)
{
    public static DirectoryCounts operator +(DirectoryCounts a, DirectoryCounts b) =>
        new(a.Households + b.Households, a.PointsItems + b.PointsItems, a.Activities + b.Activities, a.Participations + b.Participations);
}
