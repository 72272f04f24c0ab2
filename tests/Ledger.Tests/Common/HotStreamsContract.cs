using Ledger.Common;
using Ledger.EventStore;
using Ledger.Testing;
using Ledger.Tests.Domain.Support;

namespace Ledger.Tests.Common;

/// <summary>
/// The life cycle of an append as <see cref="HotStreams"/> takes a warm stream through it, on a real store: written,
/// the state is kept for the next append only and the turns pass on; committed, queries see it; lost, it is forgotten;
/// refused, a cached state ahead of the store is forgotten. The stream is a tally: its state is the sum of its points.
/// </summary>
public abstract class HotStreamsContract<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : class, IEventStoreFactory
{
    private const string Tally = "tally-1";

    private static readonly EventTypeRegistry Registry = LedgerModule.CreateEventTypeRegistry(typeof(TestPointsRedeemed).Assembly);

    private static readonly FixedCommandContext Context = new(new Principal("clerk-1", Role.Clerk, "c1", "Clerk"), "corr-1");

    private readonly HotStreams _hot = new(new StreamLocks());

    private readonly StreamStateCache<long> _cache = new(0, (sum, e) => sum + ((TestPointsRedeemed)e.Data!).Points, capacity: 10);

    [Fact]
    public async Task A_written_state_is_kept_for_the_next_append_only_until_it_is_committed()
    {
        var store = await StoreAsync();
        (long Query, long Append)? atWritten = null;
        store.Written = () => atWritten = (_cache.Get(Tally).Version, Append(Tally));

        await RunAsync(store, 5);
        await RunAsync(store, 7);

        // Between written and COMMIT the second append saw its own state to append on, queries the first's committed one.
        Assert.Equal((1L, 2L), atWritten);
        Assert.Equal((12L, 2L), _cache.Get(Tally));
    }

    [Fact]
    public async Task The_turns_taken_first_pass_on_once_the_append_is_written()
    {
        var store = await StoreAsync();
        int? heldWhileDeciding = null, heldAtWritten = null;
        store.Written = () => heldAtWritten = _hot.Turns.Count;

        await RunAsync(store, 5, turnsFirst: [Tally], decided: () => heldWhileDeciding = _hot.Turns.Count);

        Assert.Equal((1, 0), (heldWhileDeciding, heldAtWritten));
    }

    [Fact]
    public async Task An_append_lost_after_it_was_written_leaves_no_state_to_start_from()
    {
        var store = await StoreAsync();
        await RunAsync(store, 5);
        store.Written = () => throw new InvalidOperationException("commit failed");

        await Assert.ThrowsAnyAsync<Exception>(() => RunAsync(store, 7));

        store.Written = null;
        Assert.Equal(1L, Append(Tally));
        Assert.Equal(6L, (await RunAsync(store, 1)).Value);
        Assert.Equal((6L, 2L), _cache.Get(Tally));
    }

    [Fact]
    public async Task A_refused_append_forgets_a_cached_state_ahead_of_the_store_and_lands_on_a_fresh_read()
    {
        var store = await StoreAsync();
        await RunAsync(store, 5);
        // The store restored under the process: the cache holds a state of events the store no longer has.
        _cache.Remember(Tally, 4, 99);

        var result = await RunAsync(store, 7);

        Assert.Equal(12L, result.Value);
        Assert.Equal((12L, 2L), _cache.Get(Tally));
    }

    [Fact]
    public async Task A_refused_append_keeps_a_cached_state_that_is_merely_behind()
    {
        var store = await StoreAsync();
        await RunAsync(store, 5);
        await store.AppendAsync(Tally, ExpectedVersion.Exactly(1), [Registry.ToNewEvent(new TestPointsRedeemed(3, null, "elsewhere"), Metadata)]);

        var result = await RunAsync(store, 7);

        Assert.Equal(15L, result.Value);
        Assert.Equal((15L, 3L), _cache.Get(Tally));
    }

    private static EventMetadata Metadata => new("other-server", "corr-2", null, null);

    private long Append(string streamId)
    {
        _cache.TryGetToAppend(streamId, out _, out var version);
        return version;
    }

    // A BeforeCommit hook sends every PostgreSQL append through the commit queue, which reports it written before its
    // COMMIT, as a redemption's (its stored response does the same), instead of the one-statement plain append.
    private async Task<ObservedStore> StoreAsync() =>
        new(await factory.CreateStoreAsync(new EventStoreOptions { BeforeCommit = (_, _) => Task.CompletedTask }));

    private Task<Result<long>> RunAsync(
        ObservedStore store, long points, IReadOnlyList<string>? turnsFirst = null, Action? decided = null) =>
        new CommandService(store, Registry, TimeProvider.System, Context, _hot).RunAsync(
            new MultiStreamCommand<long>(async (session, ct) =>
            {
                var tally = await _hot.LoadToAppendAsync(session, _cache, Tally, ct);
                decided?.Invoke();
                return session.Append(tally, [new TestPointsRedeemed(points, null, "tally")]).State;
            })
            {
                TurnsFirst = turnsFirst ?? [],
            },
            CancellationToken.None);

    /// <summary>
    /// A real store whose <c>written</c> hook also runs <see cref="Written"/> right after the caller's, on the store's
    /// writer before the COMMIT: where a test looks at the warm streams, or breaks the append after it was written.
    /// </summary>
    private sealed class ObservedStore(ILedgerStore inner) : DelegatingEventStore(inner), IEventStore
    {
        public Action? Written { get; set; }

        Task<AppendResult> IEventStore.AppendAsync(
            IReadOnlyList<StreamAppend> appends, IdempotencyKey? idempotency, Action<AppendResult> written, CancellationToken cancellationToken) =>
            Inner.AppendAsync(appends, idempotency, result =>
            {
                written(result);
                Written?.Invoke();
            }, cancellationToken);
    }
}

/// <summary>The life cycle of an append on SQLite.</summary>
public sealed class SqliteHotStreamsTests(SqliteEventStoreFactory factory) : HotStreamsContract<SqliteEventStoreFactory>(factory);

/// <summary>The life cycle of an append on PostgreSQL.</summary>
public sealed class PostgresHotStreamsTests(PostgresEventStoreFactory factory) : HotStreamsContract<PostgresEventStoreFactory>(factory);
