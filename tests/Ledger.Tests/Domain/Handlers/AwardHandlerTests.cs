using Ledger.Common;
using Ledger.Communities.DefinePointsItem;
using Ledger.Households;
using Ledger.Households.AwardPoints;
using Ledger.Households.GetHousehold;
using Ledger.Testing;
using static Ledger.Tests.Domain.Handlers.LedgerHarness;
using static Ledger.Tests.Domain.Support.TestData;

namespace Ledger.Tests.Domain.Handlers;

public abstract class AwardHandlerTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : class, IEventStoreFactory
{
    private static FixedCommandContext Context() => new(Committee(), $"corr-{Guid.NewGuid():N}");

    private static AwardPointsCommand Award(string ruleId = "care", string? member = null) => new(CommunityId, Passbook, ruleId, member);

    [Fact]
    public async Task An_award_is_appended_with_who_did_it_and_answers_the_entry_and_new_balance()
    {
        var ledger = await CreateAsync(factory);
        await ledger.SeedAsync();

        var entry = Ok(await ledger.Send(new AwardPointsCommand(CommunityId, Passbook, CleanUp, Spouse, "清理楼道"), Committee()));

        Assert.Equal((EntryKind.Award, 10L, 10L, 2L, Spouse), (entry.Kind, entry.Points, entry.Balance, entry.Version, entry.Member));
        var recorded = (await ledger.ReadAllAsync()).Single(e => e.EventId == entry.EventId);
        Assert.Equal(("PointsAwarded.v3", "household-JH-0001", "key:committee-jinhai"), (recorded.Type, recorded.StreamId, recorded.Metadata.Principal));
        Assert.StartsWith("corr-", recorded.Metadata.CorrelationId);
    }

    [Fact]
    public async Task Twenty_simultaneous_awards_to_one_household_all_land_once_each()
    {
        var ledger = await CreateAsync(factory);
        await ledger.SeedAsync();
        Ok(await ledger.Send(new DefinePointsItemCommand(CommunityId, "care", "关爱老人", "志愿服务", 10), Committee()));

        var gated = new GatedStore(ledger.Store, parties: 20);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => ledger.Send(Award(), Context(), gated))));

        var entries = results.Select(Ok).ToList();
        Assert.Equal(20, entries.Select(e => e.EventId).Distinct().Count());
        Assert.Equal(Enumerable.Range(2, 20).Select(v => (long)v), entries.Select(e => e.Version).Order());
        var household = Ok(await ledger.Send(new GetHouseholdQuery(Passbook), Committee()));
        Assert.Equal((200L, 21L), (household.Balance, household.Version));
        Assert.Equal(20, (await ledger.ReadAllAsync()).Count(e => e.Type == "PointsAwarded.v3"));
    }

    [Fact]
    public async Task Simultaneous_awards_never_pass_the_monthly_cap()
    {
        var ledger = await CreateAsync(factory);
        await ledger.SeedAsync();

        var gated = new GatedStore(ledger.Store, parties: 8);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => ledger.Send(Award(CleanUp), Context(), gated))));

        Assert.Equal(3, results.Count(r => r.IsSuccess));
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Equal("monthly-cap-reached", r.Error!.Type));
        Assert.Equal(30, Ok(await ledger.Send(new GetHouseholdQuery(Passbook), Committee())).Balance);
    }

    [Fact]
    public async Task A_deduction_larger_than_the_balance_is_refused_and_changes_nothing()
    {
        var ledger = await CreateAsync(factory);
        await ledger.SeedAsync();
        Ok(await ledger.Send(Award(CleanUp), Committee()));
        var before = await ledger.Store.ReadHeadAsync();

        Fails(await ledger.Send(Award(Litter), Committee()), "insufficient-points");

        Assert.Equal(before, await ledger.Store.ReadHeadAsync());
    }

    [Fact]
    public async Task Only_the_communitys_committee_awards()
    {
        var ledger = await CreateAsync(factory);
        await ledger.SeedAsync();

        Fails(await ledger.Send(Award(CleanUp), Committee(OtherCommunityId)), "forbidden");
        Fails(await ledger.Send(Award(CleanUp), Clerk()), "forbidden");
        Fails(await ledger.Send(Award(CleanUp), Auditor), "forbidden");
        Assert.Equal(0, Ok(await ledger.Send(new GetHouseholdQuery(Passbook), Auditor)).Balance);
    }
}

public sealed class SqliteAwardHandlerTests(SqliteEventStoreFactory factory) : AwardHandlerTests<SqliteEventStoreFactory>(factory);
