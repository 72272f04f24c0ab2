using System.Text.Json;
using Ledger.EventStore;
using Ledger.EventStore.Projections;
using Ledger.Testing;

namespace Ledger.Tests.EventStore;

/// <summary>
/// Group commit as both stores do it: appends queued while a batch is written are written in queue order in one
/// transaction, a refused one undone alone, and answered only once the shared COMMIT has returned. A backend enrols by
/// saying how a test holds its commit queue (so what it queues meanwhile is known to form one batch) and how it counts
/// committed events from outside.
/// </summary>
public abstract class GroupCommitContract<TFactory>(TFactory factory) : IClassFixture<TFactory>, IAsyncLifetime
    where TFactory : class, IEventStoreFactory
{
    /// <summary>The stream a backend's hold appends to, if its hold is itself an append; tests leave it out.</summary>
    protected const string HeldStream = "s-hold";

    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static readonly IdempotencyKey Key = new("clerk-1/key-1", "hash-1", r => $"position {r.LastPosition}");

    private readonly List<ILedgerStore> _stores = [];

    protected TFactory Factory => factory;

    /// <summary>Whether refused appends leave no gap in the positions (SQLite numbers rows as it writes them).</summary>
    protected virtual bool GaplessPositions => false;

    /// <summary>
    /// A new store on a database of its own, opened with the options <paramref name="options"/> makes from the inline
    /// projections the backend's hold needs (none for some).
    /// </summary>
    protected abstract Task<ILedgerStore> OpenAsync(Func<IReadOnlyList<IProjection>, EventStoreOptions> options);

    /// <summary>Holds the store's commit queue until the result is disposed: appends made meanwhile form one batch.</summary>
    protected abstract Task<IAsyncDisposable> HoldAsync(ILedgerStore store);

    /// <summary>Events committed in the store, counted on a connection of the test's own.</summary>
    protected abstract long CountCommitted(ILedgerStore store);

    [Fact]
    public async Task Each_queued_append_sees_the_versions_and_keys_written_before_it_in_its_batch_and_fails_alone()
    {
        var signal = new FeedSignal();
        var store = await OpenStoreAsync(inline => new EventStoreOptions
        {
            Appended = signal,
            InlineProjections = inline,
            BeforeCommit = (appends, _) => appends[0].StreamId == "s-hooked"
                ? Task.FromException(new InvalidOperationException("refused before commit"))
                : Task.CompletedTask,
        });

        var a = await QueueAsync(
            store,
            [.. DependentAppends(store), () => store.AppendAsync("s-hooked", ExpectedVersion.NoStream, [Event("hooked")]), FreshAppend(store)]);

        var (a1, a2, keyed) = await AssertDependentAsync(a);
        Assert.Equal("refused before commit", (await Assert.ThrowsAsync<InvalidOperationException>(() => a[6])).Message);
        var fresh = await a[7];
        Assert.Equal(1, fresh.NextExpectedVersion);
        var all = await ReadAllAsync(store);
        Assert.Equal(["a1", "a2", "keyed", "fresh"], all.Select(e => Note(e.Data)));
        Assert.Equal([a1.LastPosition, a2.LastPosition, keyed.LastPosition, fresh.LastPosition], all.Select(e => e.Position));
        if (GaplessPositions)
        {
            Assert.Equal([1L, 2, 3, 4], all.Select(e => e.Position));
        }

        Assert.Equal(fresh.LastPosition, signal.LastPosition);
    }

    [Fact]
    public async Task An_append_that_queues_while_a_batch_is_written_joins_that_batch_before_its_commit()
    {
        var store = await OpenStoreAsync(inline => new EventStoreOptions { InlineProjections = inline, BeforeCommit = (_, _) => Task.CompletedTask });
        Task<AppendResult>? next = null;
        long? committedWhenNextWasWritten = null;

        // As at the counter: the next sale of an item is decided once the sale before it is written, and queues then.
        var first = await store.AppendAsync(
            [new StreamAppend("s-item", ExpectedVersion.NoStream, [Event("first")])], null,
            _ => next = store.AppendAsync(
                [new StreamAppend("s-item", ExpectedVersion.Exactly(1), [Event("next")])], null,
                _ => committedWhenNextWasWritten = CountCommitted(store),
                CancellationToken.None),
            CancellationToken.None);

        Assert.Equal(2, (await next!.WaitAsync(Patience)).NextExpectedVersion);
        // Written before the first append's batch committed: the two share one COMMIT.
        Assert.Equal(0L, committedWhenNextWasWritten);
        Assert.Equal(1, first.NextExpectedVersion);
    }

    [Fact]
    public async Task An_append_cancelled_while_queued_is_answered_at_once_and_never_written()
    {
        var store = await OpenStoreAsync(inline => new EventStoreOptions { InlineProjections = inline });
        using var cancel = new CancellationTokenSource();
        var hold = await HoldAsync(store);

        var cancelled = store.AppendAsync("s-cancelled", ExpectedVersion.NoStream, [Event("cancelled")], cancellationToken: cancel.Token);
        var kept = store.AppendAsync("s-kept", ExpectedVersion.NoStream, [Event("kept")]);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Patience));
        Assert.False(kept.IsCompleted);
        await hold.DisposeAsync();
        await kept.WaitAsync(Patience);
        Assert.Equal(["s-kept"], (await ReadAllAsync(store)).Select(e => e.StreamId));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await (store switch
            {
                IAsyncDisposable a => a.DisposeAsync(),
                IDisposable d => Dispose(d),
                _ => ValueTask.CompletedTask,
            });
        }
    }

    /// <summary>Queues the appends while the commit queue is held, releases it, and waits for them all.</summary>
    protected async Task<Task<AppendResult>[]> QueueAsync(ILedgerStore store, params Func<Task<AppendResult>>[] appends)
    {
        Task<AppendResult>[] attempts;
        await using (await HoldAsync(store))
        {
            attempts = appends.Select(append => append()).ToArray();
            Assert.All(attempts, a => Assert.False(a.IsCompleted));
        }

        await Task.WhenAny(Task.WhenAll(attempts), Task.Delay(Patience));
        return attempts;
    }

    /// <summary>
    /// Appends that each depend on one queued before them: a version written before it, a conflict with it, a key's
    /// first use, its replay and its reuse for another request (see <see cref="AssertDependentAsync"/>).
    /// </summary>
    protected static Func<Task<AppendResult>>[] DependentAppends(ILedgerStore store) =>
    [
        () => store.AppendAsync("s-a", ExpectedVersion.NoStream, [Event("a1")]),
        () => store.AppendAsync("s-a", ExpectedVersion.Exactly(1), [Event("a2")]),
        () => store.AppendAsync("s-a", ExpectedVersion.NoStream, [Event("a-late")]),
        () => store.AppendAsync("s-keyed", ExpectedVersion.NoStream, [Event("keyed")], Key),
        () => store.AppendAsync("s-retry", ExpectedVersion.NoStream, [Event("retry")], Key),
        () => store.AppendAsync("s-retry", ExpectedVersion.NoStream, [Event("other")], new IdempotencyKey(Key.Key, "hash-2")),
    ];

    /// <summary>An append to the stream the refused ones of <see cref="DependentAppends"/> left unwritten.</summary>
    protected static Func<Task<AppendResult>> FreshAppend(ILedgerStore store) =>
        () => store.AppendAsync("s-retry", ExpectedVersion.NoStream, [Event("fresh")]);

    /// <summary>What <see cref="DependentAppends"/>, queued first, came to; the two written to s-a, and the keyed one.</summary>
    protected static async Task<(AppendResult A1, AppendResult A2, AppendResult Keyed)> AssertDependentAsync(Task<AppendResult>[] a)
    {
        var (a1, a2) = (await a[0], await a[1]);
        Assert.Equal((1L, 2L), (a1.NextExpectedVersion, a2.NextExpectedVersion));
        Assert.Equal(2, (await Assert.ThrowsAsync<ConcurrencyException>(() => a[2])).Actual);
        var keyed = await a[3];
        var replay = await a[4];
        Assert.True(replay.Replayed);
        Assert.Equal([new StreamVersion("s-keyed", 1)], replay.Streams);
        Assert.Equal($"position {keyed.LastPosition}", replay.Response);
        Assert.Equal(Key.Key, (await Assert.ThrowsAsync<IdempotencyConflictException>(() => a[5])).Key);
        return (a1, a2, keyed);
    }

    /// <summary>Every event but the hold's own.</summary>
    protected static async Task<List<RecordedEvent>> ReadAllAsync(ILedgerStore store)
    {
        var events = new List<RecordedEvent>();
        await foreach (var e in store.ReadAllAsync())
        {
            if (e.StreamId != HeldStream)
            {
                events.Add(e);
            }
        }

        return events;
    }

    protected static NewEvent Event(string note) =>
        new(Guid.NewGuid(), "ContractTested.v1", JsonSerializer.Serialize(new { note }), new EventMetadata("key:test"));

    protected static string? Note(string data) => JsonDocument.Parse(data).RootElement.GetProperty("note").GetString();

    private async Task<ILedgerStore> OpenStoreAsync(Func<IReadOnlyList<IProjection>, EventStoreOptions> options)
    {
        var store = await OpenAsync(options);
        _stores.Add(store);
        return store;
    }

    private static ValueTask Dispose(IDisposable disposable)
    {
        disposable.Dispose();
        return ValueTask.CompletedTask;
    }
}
