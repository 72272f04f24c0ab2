using System.Data;
using System.Globalization;
using Ledger.Activities;
using Ledger.EventStore;
using Ledger.EventStore.Projections;

namespace Ledger.Projections;

/// <summary>One activity of a community's list.</summary>
/// <param name="Id">The activity's id.</param>
/// <param name="Title">What it is.</param>
/// <param name="Organizer">Who organises it.</param>
/// <param name="Date">The day it takes place.</param>
/// <param name="Points">Points each participating member earns.</param>
/// <param name="Participants">Participations (人次) awarded so far.</param>
public sealed record ActivitySummary(string Id, string Title, Organizer Organizer, DateOnly Date, long Points, long Participants);

/// <summary>Reads a community's activities from the table <see cref="ActivityListProjection"/> keeps.</summary>
public static class ActivityList
{
    /// <summary>The activities of <paramref name="communityId"/>, the latest date first.</summary>
    public static async Task<IReadOnlyList<ActivitySummary>> ReadAsync(IReadModelStore store, string communityId, CancellationToken cancellationToken)
    {
        await using var transaction = await store.BeginReadModelQueryAsync(cancellationToken);
        await using var command = transaction.CreateCommand(
            $"SELECT activity_id, title, organizer_kind, organizer_name, date, points, participants FROM {ActivityListProjection.Table} "
            + "WHERE community_id = @community ORDER BY date DESC, activity_id");
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@community";
        parameter.DbType = DbType.String;
        parameter.Value = communityId;
        command.Parameters.Add(parameter);

        var list = new List<ActivitySummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new ActivitySummary(
                reader.GetString(0), reader.GetString(1),
                new Organizer(Enum.Parse<OrganizerKind>(reader.GetString(2)), reader.GetString(3)),
                DateOnly.ParseExact(reader.GetString(4), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                Convert.ToInt64(reader.GetValue(5), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(6), CultureInfo.InvariantCulture)));
        }

        return list;
    }
}
