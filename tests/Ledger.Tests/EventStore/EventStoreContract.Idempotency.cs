using Microsoft.Extensions.Time.Testing;
using Ledger.EventStore;

namespace Ledger.Tests.EventStore;

public abstract partial class EventStoreContract<TFactory>
{
    private static IdempotencyKey Key(string key = "client-1/key-1", string hash = "hash-1") =>
        new(key, hash, r => $$"""{"status":201,"position":{{r.LastPosition}},"note":"已兑换"}""");

    [Fact]
    public async Task The_same_key_and_hash_returns_the_original_result_and_stored_response_and_appends_nothing()
    {
        var store = await NewStoreAsync();
        var key = Key();
        var original = await store.AppendAsync("s-idem", ExpectedVersion.NoStream, [Event(idempotencyKey: key.Key)], key);

        // The retry would now fail its version check: the stored answer must win over deciding again.
        var replay = await store.AppendAsync("s-idem", ExpectedVersion.NoStream, [Event(idempotencyKey: key.Key)], key);

        Assert.False(original.Replayed);
        Assert.True(replay.Replayed);
        Assert.Equal(original.Streams, replay.Streams);
        Assert.Equal(original.LastPosition, replay.LastPosition);
        Assert.Equal($$"""{"status":201,"position":{{original.LastPosition}},"note":"已兑换"}""", replay.Response);
        Assert.Single(await ReadAllAsync(store));
    }

    [Fact]
    public async Task The_written_hook_hears_of_each_append_once_with_its_result_and_never_of_a_replay_or_a_refusal()
    {
        var store = await NewStoreAsync();
        var heard = new List<AppendResult>();
        var key = Key();

        var landed = await store.AppendAsync([new StreamAppend("s-hook", ExpectedVersion.NoStream, Events(2))], key, heard.Add, CancellationToken.None);
        var replayed = await store.AppendAsync([new StreamAppend("s-hook", ExpectedVersion.NoStream, Events(2))], key, heard.Add, CancellationToken.None);
        await Assert.ThrowsAsync<ConcurrencyException>(() =>
            store.AppendAsync([new StreamAppend("s-hook", ExpectedVersion.Exactly(1), Events(1))], null, heard.Add, CancellationToken.None));

        Assert.True(replayed.Replayed);
        var only = Assert.Single(heard);
        Assert.Equal(landed.Streams, only.Streams);
        Assert.Equal(landed.LastPosition, only.LastPosition);
    }

    [Fact]
    public async Task An_append_whose_key_an_uncommitted_append_to_other_streams_holds_is_never_heard_written_and_replays_it()
    {
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var store = await NewStoreAsync(new EventStoreOptions
        {
            Clock = new FakeTimeProvider(T0),
            BeforeCommit = async (appends, ct) =>
            {
                if (appends[0].StreamId == "s-key-first")
                {
                    held.SetResult();
                    await release.Task.WaitAsync(ct);
                }
            },
        });
        var heard = new System.Collections.Concurrent.ConcurrentQueue<string>();
        void Hear(AppendResult r) => heard.Enqueue(r.Streams[0].StreamId);
        var key = Key();

        // A retry that decided otherwise: the same key and request, other streams. No stream lock makes it wait.
        var first = Task.Run(() => store.AppendAsync([new StreamAppend("s-key-first", ExpectedVersion.NoStream, Events(1))], key, Hear, CancellationToken.None));
        await held.Task.WaitAsync(Patience);
        var second = Task.Run(() => store.AppendAsync([new StreamAppend("s-key-second", ExpectedVersion.NoStream, Events(1))], key, Hear, CancellationToken.None));
        // Give the second append time to get as far as the backend lets it while the first is not committed.
        await Task.WhenAny(second, Task.Delay(500));
        var heardWhileHeld = heard.ToArray();
        release.SetResult();
        var landed = await first.WaitAsync(Patience);
        var replayed = await second.WaitAsync(Patience);

        // Heard written, it could not have been refused later: a caller may have acted on it.
        Assert.DoesNotContain("s-key-second", heardWhileHeld);
        Assert.Equal(["s-key-first"], heard);
        Assert.False(landed.Replayed);
        Assert.True(replayed.Replayed);
        Assert.Equal(landed.Streams, replayed.Streams);
        Assert.Empty(await ReadStreamAsync(store, "s-key-second"));
        Assert.Single(await ReadAllAsync(store));
    }

    [Fact]
    public async Task The_same_key_with_another_request_hash_is_refused_and_appends_nothing()
    {
        var store = await NewStoreAsync();
        await store.AppendAsync("s-idem", ExpectedVersion.Any, Events(1), Key(hash: "hash-1"));

        var ex = await Assert.ThrowsAsync<IdempotencyConflictException>(
            () => store.AppendAsync("s-idem", ExpectedVersion.Any, Events(1), Key(hash: "hash-2")));

        Assert.Equal("client-1/key-1", ex.Key);
        Assert.Single(await ReadAllAsync(store));
    }

    [Fact]
    public async Task A_stored_key_is_found_with_its_hash_result_response_and_time()
    {
        var store = await NewStoreAsync();
        var original = await store.AppendAsync(
            [
                new StreamAppend("s-x", ExpectedVersion.NoStream, Events(2)),
                new StreamAppend("s-y", ExpectedVersion.NoStream, Events(1)),
            ],
            Key());

        var found = await store.FindIdempotencyKeyAsync("client-1/key-1");

        Assert.NotNull(found);
        Assert.Equal("client-1/key-1", found.Key);
        Assert.Equal("hash-1", found.RequestHash);
        Assert.Equal(original.Streams, found.Result.Streams);
        Assert.Equal(original.LastPosition, found.Result.LastPosition);
        Assert.True(found.Result.Replayed);
        Assert.Equal($$"""{"status":201,"position":{{original.LastPosition}},"note":"已兑换"}""", found.Result.Response);
        Assert.Equal(EventHasher.Truncate(T0), found.RecordedAt);
        Assert.Null(await store.FindIdempotencyKeyAsync("client-1/unknown"));
    }

    [Fact]
    public async Task A_key_without_a_response_describer_stores_no_response()
    {
        var store = await NewStoreAsync();
        var key = new IdempotencyKey("k-plain", "h");
        await store.AppendAsync("s-plain", ExpectedVersion.Any, Events(1), key);

        var replay = await store.AppendAsync("s-plain", ExpectedVersion.Any, Events(1), key);

        Assert.True(replay.Replayed);
        Assert.Null(replay.Response);
        Assert.Single(await ReadAllAsync(store));
    }

    [Fact]
    public async Task Concurrent_appends_with_one_key_append_once_and_replay_the_rest()
    {
        var store = await NewStoreAsync();
        const int callers = 8;
        using var start = new ManualResetEventSlim();
        var attempts = Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await store.AppendAsync("s-idem-race", ExpectedVersion.Any, Events(1), Key());
        })).ToArray();
        start.Set();

        var results = await Task.WhenAll(attempts).WaitAsync(Patience);

        var appended = Assert.Single(results, r => !r.Replayed);
        Assert.All(results, r => Assert.Equal(appended.LastPosition, r.LastPosition));
        Assert.All(results.Where(r => r.Replayed), r => Assert.NotNull(r.Response));
        Assert.Single(await ReadAllAsync(store));
    }
}
