using System.Text.Json;
using Ledger.Activities;
using Ledger.Activities.AddParticipants;
using Ledger.Activities.ScheduleActivity;
using Ledger.EventStore;
using Ledger.Households.AwardPoints;
using Ledger.Testing;
using static Ledger.Tests.Domain.Handlers.LedgerHarness;
using static Ledger.Tests.Domain.Support.TestData;

namespace Ledger.Tests.Domain.Handlers;

public abstract class IdempotencyTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : class, IEventStoreFactory
{
    private static readonly AwardPointsCommand AwardCleanUp = new(CommunityId, Passbook, CleanUp);

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, LedgerJson.Options);

    [Fact]
    public async Task A_retried_request_gets_the_original_response_and_appends_nothing()
    {
        var ledger = await CreateAsync(factory);
        await ledger.SeedAsync();
        var first = Ok(await ledger.Send(AwardCleanUp, Committee(), "key-1"));
        var head = await ledger.Store.ReadHeadAsync();

        var retried = Ok(await ledger.Send(AwardCleanUp, Committee(), "key-1"));

        Assert.Equal(Json(first), Json(retried));
        Assert.Equal(head, await ledger.Store.ReadHeadAsync());
        var recorded = (await ledger.ReadAllAsync()).Single(e => e.EventId == first.EventId);
        Assert.Equal("key:committee-jinhai:key-1", recorded.Metadata.IdempotencyKey);
    }

    [Fact]
    public async Task A_retry_is_answered_with_the_original_success_even_when_deciding_again_would_now_fail()
    {
        var ledger = await CreateAsync(factory);
        await ledger.SeedAsync();
        var first = Ok(await ledger.Send(AwardCleanUp, Committee(), "cap-1"));
        Ok(await ledger.Send(AwardCleanUp, Committee()));
        Ok(await ledger.Send(AwardCleanUp, Committee()));
        Fails(await ledger.Send(AwardCleanUp, Committee()), "monthly-cap-reached");

        Assert.Equal(Json(first), Json(Ok(await ledger.Send(AwardCleanUp, Committee(), "cap-1"))));
    }

    [Fact]
    public async Task The_same_key_with_a_different_request_is_refused_and_changes_nothing()
    {
        var ledger = await CreateAsync(factory);
        await ledger.SeedAsync();
        Ok(await ledger.Send(AwardCleanUp, Committee(), "key-2", "hash-a"));
        var head = await ledger.Store.ReadHeadAsync();

        Fails(await ledger.Send(AwardCleanUp with { Member = Child }, Committee(), "key-2", "hash-b"), "idempotency-key-reused");

        Assert.Equal(head, await ledger.Store.ReadHeadAsync());
    }

    [Fact]
    public async Task Two_simultaneous_requests_with_one_key_record_one_award()
    {
        var ledger = await CreateAsync(factory);
        await ledger.SeedAsync();
        var gated = new GatedStore(ledger.Store, parties: 2);
        var context = new Ledger.Common.FixedCommandContext(Committee(), "corr", new Ledger.Common.ClientIdempotency("key:committee-jinhai:twin", "hash-1"));

        var results = await Task.WhenAll(Task.Run(() => ledger.Send(AwardCleanUp, context, gated)), Task.Run(() => ledger.Send(AwardCleanUp, context, gated)));

        Assert.Equal(Json(Ok(results[0])), Json(Ok(results[1])));
        Assert.Single(await ledger.ReadAllAsync(), e => e.Type == "PointsAwarded.v3");
    }

    [Fact]
    public async Task A_retried_multi_stream_request_replays_its_participant_report()
    {
        var ledger = await CreateAsync(factory);
        await ledger.SeedAsync(Passbook, "JH-0002");
        Ok(await ledger.Send(new ScheduleActivityCommand(CommunityId, ActivityId, "乡村绿化",
            new Organizer(OrganizerKind.Enterprise, "某公司"), new DateOnly(2025, 3, 15), 5), Committee()));
        var add = new AddParticipantsCommand(CommunityId, ActivityId, [new ParticipantInput(Passbook), new ParticipantInput("JH-0002", Spouse)]);
        var first = Ok(await ledger.Send(add, Committee(), "add-1"));
        var head = await ledger.Store.ReadHeadAsync();

        var retried = Ok(await ledger.Send(add, Committee(), "add-1"));

        Assert.Equal(2, retried.Awarded.Count);
        Assert.Equal(Json(first), Json(retried));
        Assert.Equal(head, await ledger.Store.ReadHeadAsync());
    }
}

public sealed class SqliteIdempotencyTests(SqliteEventStoreFactory factory) : IdempotencyTests<SqliteEventStoreFactory>(factory);
