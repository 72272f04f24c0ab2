using Ledger.Audit;
using Ledger.Common;
using Ledger.Communities;
using Ledger.Communities.SetExpiryPolicy;
using Ledger.EventStore;
using Ledger.HonorRolls;
using Ledger.HonorRolls.PublishHonorRoll;
using Ledger.Households;
using Ledger.Households.AwardPoints;
using Ledger.Households.CorrectEntry;
using Ledger.Households.ExpirePoints;
using Ledger.Leaderboards;
using Ledger.Tests.Domain.Handlers;
using Ledger.Testing;
using static Ledger.Tests.Domain.Handlers.LedgerHarness;
using static Ledger.Tests.Domain.Support.TestData;

namespace Ledger.Tests.Audit;

/// <summary>
/// The ledger's domain checks of the auditor's replay: each stays silent on a ledger the handlers wrote, and reports the
/// ledger a forger wrote by appending, straight through the store, events the domain would never emit.
/// </summary>
public abstract class DomainCheckTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : class, IEventStoreFactory
{
    private static readonly EventMetadata Forger = new("key:forger");

    private static async Task<IReadOnlyList<AuditProblem>> VerifyAsync(LedgerHarness ledger)
    {
        IAuditCheck[] checks =
        [
            new PointsConservationCheck(ledger.Registry), new NegativeBalanceCheck(ledger.Registry), new ExpiryCheck(ledger.Registry),
            new HonorRollCheck(ledger.Store, ledger.Registry), new ProjectionsCheck(ledger.Projections),
        ];
        return (await new AuditReplay(ledger.Store, checks).RunAsync()).Problems;
    }

    private static async Task<long> ForgeAsync(LedgerHarness ledger, string stream, object data)
    {
        var head = (await ledger.Store.ReadStreamToListAsync(stream)).Count;
        await ledger.Store.AppendAsync(stream, ExpectedVersion.Exactly(head), [ledger.Registry.ToNewEvent(data, Forger)]);
        return (await ledger.Store.ReadHeadAsync()).Position;
    }

    private async Task<(LedgerHarness Ledger, Guid AwardOfB)> BusyLedgerAsync()
    {
        var ledger = await CreateAsync(factory);
        await ledger.SeedAsync("A", "B", "C");
        foreach (var passbook in new[] { "A", "A", "B", "C", "C" })
        {
            Ok(await ledger.Send(new AwardPointsCommand(CommunityId, passbook, CleanUp), Committee()));
        }

        var awardOfB = Ok(await ledger.Send(new AwardPointsCommand(CommunityId, "B", CleanUp, Spouse), Committee())).EventId;
        Ok(await ledger.Send(new AwardPointsCommand(CommunityId, "A", Litter), Committee()));
        Ok(await ledger.Send(new PublishHonorRollCommand(CommunityId, "2025-03", 3), Committee()));
        return (ledger, awardOfB);
    }

    [Fact]
    public async Task A_ledger_the_handlers_wrote_passes_every_domain_check_even_with_a_correction_below_zero()
    {
        var (ledger, awardOfB) = await BusyLedgerAsync();
        // B has 20; its 10 are corrected after a deduction took them: the balance goes to -10, which the ledger allows.
        Ok(await ledger.Send(new AwardPointsCommand(CommunityId, "B", Litter), Committee()));
        Ok(await ledger.Send(new CorrectEntryCommand("B", awardOfB, "重复登记"), Committee()));

        Assert.Empty(await VerifyAsync(ledger));
    }

    [Fact]
    public async Task Points_entered_for_one_community_on_another_communitys_passbook_break_both_communities_books()
    {
        var (ledger, _) = await BusyLedgerAsync();
        var position = await ForgeAsync(ledger, StreamIds.Household("A"),
            new PointsAwarded(OtherCommunityId, CleanUp, 1, 50, Head, null));

        var problems = await VerifyAsync(ledger);

        Assert.Equal(
            [$"community-{OtherCommunityId}@{position}", $"community-{CommunityId}@{position}"],
            problems.Select(p => $"{p.Stream}@{p.Position}"));
        Assert.All(problems, p => Assert.Equal(AuditProblemKinds.PointsNotConserved, p.Kind));
        Assert.Contains("off by 50", problems[1].Detail);
        Assert.Contains("off by -50", problems[0].Detail);
    }

    [Fact]
    public async Task Points_on_a_stream_that_is_no_passbook_are_in_the_books_but_in_no_balance()
    {
        var (ledger, _) = await BusyLedgerAsync();
        var position = await ForgeAsync(ledger, "household-ghost", new PointsAwarded(CommunityId, CleanUp, 1, 30, Head, null));
        var elsewhere = await ForgeAsync(ledger, StreamIds.Community(CommunityId), new PointsAwarded(CommunityId, CleanUp, 1, 5, Head, null));

        var problem = Assert.Single(await VerifyAsync(ledger));

        Assert.Equal((AuditProblemKinds.PointsNotConserved, $"community-{CommunityId}"), (problem.Kind, problem.Stream));
        Assert.Equal(position, problem.Position);
        Assert.True(elsewhere > position);
        Assert.Contains("off by -35", problem.Detail);
    }

    [Fact]
    public async Task A_deduction_that_does_not_stop_at_zero_is_a_negative_balance_with_its_position()
    {
        var (ledger, _) = await BusyLedgerAsync();
        // C holds 20; a deduction applying 50 is what neither policy ever records.
        var position = await ForgeAsync(ledger, StreamIds.Household("C"), new PointsDeducted(CommunityId, Litter, 1, 50, 50, Head, null));

        var problem = Assert.Single(await VerifyAsync(ledger));

        Assert.Equal((AuditProblemKinds.NegativeBalance, "household-C", (long?)position), (problem.Kind, problem.Stream, problem.Position));
        Assert.Contains("from 20 to -30", problem.Detail);
    }

    [Fact]
    public async Task Expiries_the_server_recorded_follow_from_their_lots_and_keep_the_books_balanced()
    {
        var (ledger, _) = await BusyLedgerAsync();
        Ok(await ledger.Send(new SetExpiryPolicyCommand(CommunityId, ExpiryRules.EndOfYear, 0), Committee()));
        Ok(await ledger.Send(new AwardPointsCommand(CommunityId, "B", CleanUp), Committee()));
        Ok(await ledger.Send(new AwardPointsCommand(CommunityId, "C", CleanUp), Committee()));
        ledger.Clock.Advance(TimeSpan.FromDays(300));

        var community = await CommunityStream.LoadAsync(ledger.Store, ledger.Registry, CommunityId, default);
        var run = await new ExpiryRun(ledger.Store, ledger.Registry, ledger.Clock).RunAsync(Committee(), "test", community, default);

        Assert.Equal((2, 20L), (run.Households, run.Points));
        Assert.Empty(await VerifyAsync(ledger));
    }

    [Fact]
    public async Task An_expiry_of_a_lot_never_held_or_recorded_before_the_lot_ended_is_unfounded_at_its_position()
    {
        var (ledger, _) = await BusyLedgerAsync();
        var lastDay = new DateOnly(2025, 12, 31);
        await ForgeAsync(ledger, StreamIds.Household("B"), new PointsAwarded(CommunityId, CleanUp, 1, 10, Head, null, Today, 1, lastDay));
        var lot = (await ledger.Store.ReadStreamToListAsync(StreamIds.Household("B")))[^1].EventId;
        var early = await ForgeAsync(ledger, StreamIds.Household("B"), new PointsExpired(CommunityId, 10, [new ExpiredLot(lot, lastDay, 10)]));
        var invented = await ForgeAsync(ledger, StreamIds.Household("C"),
            new PointsExpired(CommunityId, 5, [new ExpiredLot(Guid.NewGuid(), new DateOnly(2024, 12, 31), 5)]));

        var problems = await VerifyAsync(ledger);

        Assert.Equal([("household-B", early), ("household-C", invented)], problems.Select(p => (p.Stream, p.Position!.Value)));
        Assert.All(problems, p => Assert.Equal(AuditProblemKinds.ExpiryUnfounded, p.Kind));
        Assert.Contains("before lot", problems[0].Detail);
        Assert.Contains("do not hold", problems[1].Detail);
    }

    [Fact]
    public async Task A_roll_published_behind_the_ledgers_back_differs_from_its_recomputation()
    {
        var (ledger, _) = await BusyLedgerAsync();
        var head = await ledger.Store.ReadHeadAsync();
        var forged = new HonorRollPublished(CommunityId, "津海社区", "2025-Q1", 1,
            [new LeaderboardEntry(1, "B", Head, 99, [new MemberPoints(Head, 99)])], head.Position, head.Hash);
        var position = await ForgeAsync(ledger, HonorRollStreams.Of(CommunityId, "2025-Q1"), forged);

        var problem = Assert.Single(await VerifyAsync(ledger));

        Assert.Equal((AuditProblemKinds.HonorRollDiffers, $"honorroll-{CommunityId}/2025-Q1", (long?)position),
            (problem.Kind, problem.Stream, problem.Position));
        Assert.Contains("entry B", problem.Detail);
        Assert.Contains("missing C", problem.Detail);
    }

    [Fact]
    public async Task A_read_model_changed_behind_the_ledgers_back_differs_from_a_fresh_replay()
    {
        var (ledger, _) = await BusyLedgerAsync();
        await using (var transaction = await ledger.Store.BeginReadModelTransactionAsync())
        {
            await using var command = transaction.Connection.CreateCommand();
            command.Transaction = transaction.Transaction;
            command.CommandText = $"UPDATE {LeaderboardProjection.PointsTable} SET points = points + 100 WHERE passbook = 'C'";
            await command.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }

        var problem = Assert.Single(await VerifyAsync(ledger));

        Assert.Equal((AuditProblemKinds.ProjectionDiffers, "leaderboard"), (problem.Kind, problem.Stream));
        Assert.Equal((await ledger.Store.ReadHeadAsync()).Position, problem.Position);
        Assert.Contains("passbook=C", problem.Detail);
    }
}

public sealed class SqliteDomainCheckTests(SqliteEventStoreFactory factory) : DomainCheckTests<SqliteEventStoreFactory>(factory);

public sealed class PostgresDomainCheckTests(PostgresEventStoreFactory factory) : DomainCheckTests<PostgresEventStoreFactory>(factory);
