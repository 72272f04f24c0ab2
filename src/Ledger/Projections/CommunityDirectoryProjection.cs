using System.Data.Common;
using System.Text.Json;
using Ledger.Activities;
using Ledger.Common;
using Ledger.Communities;
using Ledger.EventStore;
using Ledger.Households;

namespace Ledger.Projections;

/// <summary>
/// The community directory: per community, how many households, points items, activities and participations.
/// An inline projection, so <c>GET /api/communities/{cid}</c> is never behind the events. Counts only grow with
/// events, so each batch becomes one additive upsert per community; the SQL is the same on SQLite and PostgreSQL.
/// </summary>
public sealed class CommunityDirectoryProjection : IInlineProjection
{
    /// <summary>The read model's table.</summary>
    public const string Table = "community_directory";

    private const string Schema = $"""
        CREATE TABLE IF NOT EXISTS {Table} (
            community_id text PRIMARY KEY,
            households bigint NOT NULL DEFAULT 0,
            points_items bigint NOT NULL DEFAULT 0,
            activities bigint NOT NULL DEFAULT 0,
            participations bigint NOT NULL DEFAULT 0
        )
        """;

    private const string Upsert = $"""
        INSERT INTO {Table} (community_id, households, points_items, activities, participations)
        VALUES (@community, @households, @items, @activities, @participations)
        ON CONFLICT (community_id) DO UPDATE SET
            households = {Table}.households + excluded.households,
            points_items = {Table}.points_items + excluded.points_items,
            activities = {Table}.activities + excluded.activities,
            participations = {Table}.participations + excluded.participations
        """;

    /// <inheritdoc />
    public async Task EnsureSchemaAsync(IReadModelTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = Command(transaction, Schema);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task ApplyAsync(IReadModelTransaction transaction, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        foreach (var (communityId, counts) in Count(events))
        {
            await WriteAsync(transaction, communityId, counts, cancellationToken);
        }
    }

    /// <summary>
    /// Rebuilds the table from the whole ledger. For the operator's replay verb and audits: run it while nothing is
    /// appending, since an append that commits between the read and the rewrite would be counted by neither.
    /// </summary>
    public async Task RebuildAsync(IEventStore store, CancellationToken cancellationToken)
    {
        var totals = new Dictionary<string, DirectoryCounts>(StringComparer.Ordinal);
        var batch = new List<RecordedEvent>();
        await foreach (var e in store.ReadAllAsync(0, cancellationToken))
        {
            batch.Add(e);
            if (batch.Count == 1000)
            {
                Merge(totals, Count(batch));
                batch.Clear();
            }
        }

        Merge(totals, Count(batch));
        await using var transaction = await store.BeginReadModelTransactionAsync(cancellationToken);
        await EnsureSchemaAsync(transaction, cancellationToken);
        await using (var clear = Command(transaction, $"DELETE FROM {Table}"))
        {
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var (communityId, counts) in totals)
        {
            await WriteAsync(transaction, communityId, counts, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

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

        if (e.Type == EventNames.Of<ActivityScheduled>())
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

    private static async Task WriteAsync(
        IReadModelTransaction transaction, string communityId, DirectoryCounts counts, CancellationToken cancellationToken)
    {
        await using var command = Command(transaction, Upsert);
        Add(command, "@community", communityId);
        Add(command, "@households", counts.Households);
        Add(command, "@items", counts.PointsItems);
        Add(command, "@activities", counts.Activities);
        Add(command, "@participations", counts.Participations);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Merge(Dictionary<string, DirectoryCounts> totals, IReadOnlyDictionary<string, DirectoryCounts> changes)
    {
        foreach (var (communityId, counts) in changes)
        {
            totals[communityId] = totals.GetValueOrDefault(communityId) + counts;
        }
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

/// <summary>One community's counts in the directory (or a change to them).</summary>
public readonly record struct DirectoryCounts(long Households = 0, long PointsItems = 0, long Activities = 0, long Participations = 0)
{
    public static DirectoryCounts operator +(DirectoryCounts a, DirectoryCounts b) =>
        new(a.Households + b.Households, a.PointsItems + b.PointsItems, a.Activities + b.Activities, a.Participations + b.Participations);
}
