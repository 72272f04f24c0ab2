using Ledger.Common;
using Ledger.Households;
using Ledger.Households.GetStatement;
using Ledger.Tests.Domain.Support;
using static Ledger.Tests.Domain.Support.TestData;

namespace Ledger.Tests.Domain;

public sealed class StatementSpecs
{
    private static readonly DateTimeOffset March1 = new(2025, 3, 1, 1, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, string> Titles = new() { [ActivityId] = "乡村绿化" };

    private static List<EventEnvelope> Envelopes(params (DateTimeOffset At, object Event)[] events) =>
        events.Select((e, i) => new EventEnvelope(Guid.NewGuid(), e.Event.GetType().Name, i + 1, 100 + i, e.At, "key:committee", e.Event)).ToList();

    [Fact]
    public void Each_points_movement_is_a_line_with_its_description_member_and_running_balance()
    {
        var events = Envelopes(
            (March1, Opened()),
            (March1, Award() with { Note = "清理楼道" }),
            (March1.AddDays(1), new ActivityPointsAwarded(CommunityId, ActivityId, Child, 5)),
            (March1.AddDays(2), new PointsDeducted(CommunityId, Litter, 1, 20, 15, Spouse, null)),
            (March1.AddDays(3), new TestPointsRedeemed(3, null, "粮油")));
        events.Add(new EventEnvelope(Guid.NewGuid(), "EntryCorrected.v1", 6, 105, March1.AddDays(4), "key:committee",
            new EntryCorrected(CommunityId, events[1].EventId, EntryKind.Award, Head, -10, "重复登记", CleanUp, null)));

        var statement = StatementBuilder.Build(events, Jinhai(), Titles, null, null, null);

        Assert.Equal(
            [
                (StatementLineKind.Award, "人居环境整治", Head, 10L, 10L, (string?)"清理楼道"),
                (StatementLineKind.ActivityAward, "乡村绿化", Child, 5L, 15L, null),
                (StatementLineKind.Deduction, "乱扔垃圾", Spouse, -15L, 0L, null),
                (StatementLineKind.Redemption, "粮油", Head, -3L, -3L, null),
                (StatementLineKind.Correction, "人居环境整治", Head, -10L, -13L, "重复登记"),
            ],
            statement.Lines.Select(l => (l.Kind, l.Description, l.Member, l.Points, l.RunningBalance, l.Note)));
        Assert.Equal(20, statement.Lines[2].Requested);
        Assert.Equal(events[1].EventId, statement.Lines[4].CorrectedEventId);
        Assert.Equal((0L, -13L), (statement.OpeningBalance, statement.ClosingBalance));
        Assert.All(statement.Lines, l => Assert.Equal("key:committee", l.Principal));
    }

    [Fact]
    public void An_award_is_described_by_the_item_version_it_pinned()
    {
        var community = Community(Registered(), CleanUpItem(), CleanUpItem(version: 2, points: 15) with { Name = "环境整治（新）" });
        var statement = StatementBuilder.Build(Envelopes((March1, Opened()), (March1, Award()), (March1, Award(points: 15, version: 2))),
            community, Titles, null, null, null);
        Assert.Equal(["人居环境整治", "环境整治（新）"], statement.Lines.Select(l => l.Description));
    }

    [Fact]
    public void A_period_lists_its_days_in_the_community_zone_with_opening_and_closing_balances()
    {
        // 15:30 UTC on 1 March is 23:30 in Shanghai; 16:30 UTC is already 2 March there.
        var events = Envelopes(
            (March1, Opened()),
            (new DateTimeOffset(2025, 3, 1, 15, 30, 0, TimeSpan.Zero), Award()),
            (new DateTimeOffset(2025, 3, 1, 16, 30, 0, TimeSpan.Zero), Award(points: 7)),
            (new DateTimeOffset(2025, 3, 2, 15, 59, 0, TimeSpan.Zero), Award(points: 3)),
            (new DateTimeOffset(2025, 3, 2, 16, 0, 0, TimeSpan.Zero), Award(points: 100)));

        var statement = StatementBuilder.Build(events, Jinhai(), Titles, new DateOnly(2025, 3, 2), new DateOnly(2025, 3, 2), null);

        Assert.Equal([7L, 3L], statement.Lines.Select(l => l.Points));
        Assert.Equal([new DateOnly(2025, 3, 2), new DateOnly(2025, 3, 2)], statement.Lines.Select(l => l.Date));
        Assert.Equal((10L, 20L), (statement.OpeningBalance, statement.ClosingBalance));
    }

    [Fact]
    public void A_period_without_movements_closes_at_its_opening_balance()
    {
        var events = Envelopes((March1, Opened()), (March1, Award()));
        var statement = StatementBuilder.Build(events, Jinhai(), Titles, new DateOnly(2025, 4, 1), null, null);
        Assert.Empty(statement.Lines);
        Assert.Equal((10L, 10L), (statement.OpeningBalance, statement.ClosingBalance));
    }
}
