using System.Data;
using System.Globalization;
using Ledger.Activities;
using Ledger.Common;
using Ledger.EventStore;
using Ledger.EventStore.Projections;
using static Ledger.EventStore.DecidedEvents;

namespace Ledger.Projections;

/// <summary>
/// <c>activity_list</c>: every volunteer activity of every community with its organiser, date, points and how many
/// participations it has, so the committee console lists a community's activities (the store cannot list streams) and
/// a committee can add participants to one days later. Inline, like the community directory.
/// </summary>
public sealed class ActivityListProjection : IProjection
{
    /// <summary>The read model's table.</summary>
    public const string Table = "activity_list";

    /// <inheritdoc />
    public string Name => "activity_list";

    /// <inheritdoc />
    public IReadOnlyList<ReadModelTable> Tables { get; } =
    [
        new(Table,
            [
                ReadModelColumn.Text("community_id"), ReadModelColumn.Text("activity_id"), ReadModelColumn.Text("title"),
                ReadModelColumn.Text("organizer_kind"), ReadModelColumn.Text("organizer_name"), ReadModelColumn.Text("date"),
                ReadModelColumn.BigInt("points"), ReadModelColumn.BigInt("participants"),
            ],
            ["community_id", "activity_id"]),
    ];

    /// <inheritdoc />
    public async Task ApplyAsync(IReadModelTransaction transaction, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        var table = transaction.Table(Table);
        foreach (var e in events)
        {
            if (EventNames.Is<ActivityScheduled>(e.Type))
            {
                var s = Read<ActivityScheduled>(e);
                await transaction.WriteAsync(
                    $"""
                    INSERT INTO {table} (community_id, activity_id, title, organizer_kind, organizer_name, date, points, participants)
                    VALUES (@community, @activity, @title, @kind, @name, @date, @points, 0) ON CONFLICT (community_id, activity_id) DO NOTHING
                    """,
                    [
                        Text("@community", s.CommunityId), Text("@activity", s.ActivityId), Text("@title", s.Title),
                        Text("@kind", s.Organizer.Kind.ToString()), Text("@name", s.Organizer.Name),
                        Text("@date", s.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), new("@points", s.Points, DbType.Int64),
                    ],
                    cancellationToken);
            }
            else if (e.Type == EventNames.Of<ParticipantsAdded>())
            {
                var a = Read<ParticipantsAdded>(e);
                await transaction.WriteAsync(
                    $"UPDATE {table} SET participants = participants + @added WHERE community_id = @community AND activity_id = @activity",
                    [new("@added", (long)a.Participants.Count, DbType.Int64), Text("@community", a.CommunityId), Text("@activity", a.ActivityId)],
                    cancellationToken);
            }
        }
    }

    private static ReadModelParameter Text(string name, string value) => new(name, value, DbType.String);
}
