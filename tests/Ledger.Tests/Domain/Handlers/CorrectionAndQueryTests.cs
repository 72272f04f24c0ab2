using Microsoft.Extensions.Time.Testing;
using Ledger.Activities;
using Ledger.Activities.AddParticipants;
using Ledger.Activities.ScheduleActivity;
using Ledger.Common;
using Ledger.EventStore;
using Ledger.Communities.ListPointsItems;
using Ledger.Communities.DefinePointsItem;
using Ledger.Households;
using Ledger.Households.AwardPoints;
using Ledger.Households.CorrectEntry;
using Ledger.Households.GetHousehold;
using Ledger.Households.GetStatement;
using Ledger.Tests.Domain.Support;
using Ledger.Testing;
using static Ledger.Tests.Domain.Handlers.LedgerHarness;
using static Ledger.Tests.Domain.Support.TestData;

namespace Ledger.Tests.Domain.Handlers;

public abstract class CorrectionAndQueryTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : class, IEventStoreFactory
{
    private static readonly AwardPointsCommand AwardCleanUp = new(CommunityId, Passbook, CleanUp);

    [Fact]
    public async Task Correcting_spent_points_is_recorded_and_leaves_the_balance_negative()
    {
        var ledger = await CreateAsync(factory);
        await ledger.SeedAsync();
        var award = Ok(await ledger.Send(AwardCleanUp, Committee()));
        var household = await ledger.Store.ReadStreamToListAsync(StreamIds.Household(Passbook));
        await ledger.Store.AppendAsync(StreamIds.Household(Passbook), ExpectedVersion.Exactly(household.Count),
            [ledger.Registry.ToNewEvent(new TestPointsRedeemed(8, null, "粮油"), new EventMetadata("key:clerk"))]);

        var correction = Ok(await ledger.Send(new CorrectEntryCommand(Passbook, award.EventId, "重复登记"), Committee()));

        Assert.Equal((-10L, -8L, EntryKind.Award), (correction.Points, correction.Balance, correction.CorrectedKind));
        var account = Ok(await ledger.Send(new GetHouseholdQuery(Passbook), Committee()));
        Assert.Equal((-8L, 10L, 10L, 8L), (account.Balance, account.Earned, account.Corrected, account.Redeemed));
        Fails(await ledger.Send(new CorrectEntryCommand(Passbook, award.EventId, "again"), Committee()), "already-corrected");
        Fails(await ledger.Send(new CorrectEntryCommand(Passbook, Guid.NewGuid(), "?"), Committee()), "entry-not-found");
        Fails(await ledger.Send(new CorrectEntryCommand(Passbook, correction.EventId, "?"), Committee()), "not-correctable");
    }

    [Fact]
    public async Task A_household_of_another_community_is_not_found_for_its_keys_and_forbidden_to_change_for_a_clerk()
    {
        var ledger = await CreateAsync(factory);
        await ledger.SeedAsync();
        var award = Ok(await ledger.Send(AwardCleanUp, Committee()));

        Fails(await ledger.Send(new CorrectEntryCommand(Passbook, award.EventId, "?"), Committee(OtherCommunityId)), "household-not-found");
        Fails(await ledger.Send(new GetHouseholdQuery(Passbook), Clerk(OtherCommunityId)), "household-not-found");
        Fails(await ledger.Send(new GetStatementQuery(Passbook), Committee(OtherCommunityId)), "household-not-found");
        Fails(await ledger.Send(new CorrectEntryCommand(Passbook, award.EventId, "?"), Clerk()), "forbidden");
        Fails(await ledger.Send(new CorrectEntryCommand("NOBODY", award.EventId, "?"), Committee()), "household-not-found");
        Ok(await ledger.Send(new GetHouseholdQuery(Passbook), Clerk()));
    }

    [Fact]
    public async Task A_household_as_of_a_time_counts_only_what_was_recorded_by_then()
    {
        var ledger = await CreateAsync(factory);
        await ledger.SeedAsync();
        Ok(await ledger.Send(AwardCleanUp, Committee()));
        var between = ledger.Clock.GetUtcNow().AddMinutes(30);
        ledger.Clock.Advance(TimeSpan.FromHours(1));
        Ok(await ledger.Send(AwardCleanUp, Committee()));

        var then = Ok(await ledger.Send(new GetHouseholdQuery(Passbook, between), Auditor));
        var now = Ok(await ledger.Send(new GetHouseholdQuery(Passbook), Auditor));

        Assert.Equal((10L, 2L, between), (then.Balance, then.Version, then.AsOf!.Value));
        Assert.Equal((20L, 3L), (now.Balance, now.Version));
        Fails(await ledger.Send(new GetHouseholdQuery(Passbook, Now.AddDays(-1)), Auditor), "household-not-found");
    }

    [Fact]
    public async Task The_statement_shows_item_names_activity_titles_and_the_running_balance()
    {
        var ledger = await CreateAsync(factory);
        await ledger.SeedAsync();
        Ok(await ledger.Send(new ScheduleActivityCommand(CommunityId, ActivityId, "乡村绿化",
            new Organizer(OrganizerKind.Enterprise, "某公司"), new DateOnly(2025, 3, 15), 5), Committee()));
        Ok(await ledger.Send(AwardCleanUp with { Note = "清理楼道" }, Committee()));
        Ok(await ledger.Send(new AddParticipantsCommand(CommunityId, ActivityId, [new ParticipantInput(Passbook, Child)]), Committee()));
        Fails(await ledger.Send(AwardCleanUp with { RuleId = Litter }, Committee()), "insufficient-points");

        var statement = Ok(await ledger.Send(new GetStatementQuery(Passbook), Committee()));

        Assert.Equal(
            [("人居环境整治", 10L, 10L, Head), ("乡村绿化", 5L, 15L, Child)],
            statement.Lines.Select(l => (l.Description, l.Points, l.RunningBalance, l.Member)));
        Assert.All(statement.Lines, l => Assert.True(l.Position > 0));
        Assert.Equal("key:committee-jinhai", statement.Lines[0].Principal);
        Assert.Equal(15, statement.ClosingBalance);
    }

    [Fact]
    public async Task Listing_points_items_shows_the_current_version_of_each()
    {
        var ledger = await CreateAsync(factory);
        await ledger.SeedAsync();
        Ok(await ledger.Send(new DefinePointsItemCommand(CommunityId, CleanUp, "人居环境整治", "人居环境", 15, 45), Committee()));

        var items = Ok(await ledger.Send(new ListPointsItemsQuery(CommunityId), Clerk()));

        Assert.Equal([(CleanUp, 2, 15L), (Litter, 1, -20L)], items.Select(i => (i.RuleId, i.Version, i.Points)));
        Fails(await ledger.Send(new ListPointsItemsQuery(CommunityId), Clerk(OtherCommunityId)), "forbidden");
    }
}

public sealed class SqliteCorrectionAndQueryTests(SqliteEventStoreFactory factory) : CorrectionAndQueryTests<SqliteEventStoreFactory>(factory);
