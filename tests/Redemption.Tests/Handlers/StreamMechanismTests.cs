using Ledger.Common;

namespace Redemption.Tests.Handlers;

/// <summary>The two per-process helpers of a busy counter, on their own: the stream-state cache and the stream queues.</summary>
public sealed class StreamMechanismTests
{
    [Fact]
    public void A_cache_past_its_capacity_drops_the_least_recently_used_streams()
    {
        var cache = new StreamStateCache<int>(0, (n, _) => n + 1, capacity: 10);
        for (var i = 0; i < 100; i++)
        {
            cache.Remember($"s-{i}", 1, i);
            cache.Get("s-0");
        }

        Assert.InRange(cache.Count, 1, 10);
        Assert.Equal((0, 1L), cache.Get("s-0"));
        Assert.Equal((99, 1L), cache.Get("s-99"));
        Assert.Equal((0, 0L), cache.Get("s-50"));
    }

    [Fact]
    public void A_cache_keeps_the_furthest_fold_when_loads_race()
    {
        var cache = new StreamStateCache<int>(0, (n, _) => n + 1, capacity: 10);
        cache.Remember("s", 7, 70);
        cache.Remember("s", 5, 50);

        Assert.Equal((70, 7L), cache.Get("s"));
        cache.ForgetIfAhead("s", 7);
        Assert.Equal((70, 7L), cache.Get("s"));
        cache.ForgetIfAhead("s", 6);
        Assert.Equal((0, 0L), cache.Get("s"));
    }

    [Fact]
    public void A_written_state_is_offered_to_the_next_append_only_until_its_commit_or_its_failure()
    {
        var cache = new StreamStateCache<int>(0, (n, _) => n + 1, capacity: 10);
        cache.Remember("s", 3, 30);
        IReadOnlyList<EventEnvelope> two = [Envelope(4), Envelope(5)];

        cache.RememberWritten("s", 3, 30, two, Result("s", 5));

        // Queries see committed state only; the next append starts from what is written.
        Assert.Equal((30, 3L), cache.Get("s"));
        Assert.True(cache.TryGetToAppend("s", out var state, out var version));
        Assert.Equal((32, 5L), (state, version));

        // The commit makes it the committed state.
        cache.RememberAppended("s", 3, 30, two, Result("s", 5));
        Assert.Equal((32, 5L), cache.Get("s"));

        // A failed commit takes back its written state and every one written on top of it.
        cache.RememberWritten("s", 5, 32, [Envelope(6)], Result("s", 6));
        cache.RememberWritten("s", 6, 33, [Envelope(7)], Result("s", 7));
        cache.ForgetWritten("s", 6);
        Assert.True(cache.TryGetToAppend("s", out state, out version));
        Assert.Equal((32, 5L), (state, version));

        // So does a conflict that shows the store short of it, and a written state that does not follow on is never kept.
        cache.RememberWritten("s", 5, 32, [Envelope(6)], Result("s", 6));
        cache.ForgetIfAhead("s", 5);
        cache.RememberWritten("s", 4, 31, [Envelope(5)], Result("s", 9));
        Assert.True(cache.TryGetToAppend("s", out state, out version));
        Assert.Equal((32, 5L), (state, version));
    }

    [Fact]
    public async Task Requests_for_overlapping_streams_take_turns_and_never_wait_for_each_other()
    {
        var locks = new StreamLocks();
        var inside = new Dictionary<string, int> { ["a"] = 0, ["b"] = 0, ["c"] = 0 };
        var most = 0;
        string[][] wants = [["a", "b"], ["b", "a"], ["c", "a"], ["b", "c"], ["a"]];

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            var streams = wants[i % wants.Length];
            using (await locks.AcquireAsync(streams, CancellationToken.None))
            {
                lock (inside)
                {
                    foreach (var s in streams)
                    {
                        most = Math.Max(most, ++inside[s]);
                    }
                }

                await Task.Yield();
                lock (inside)
                {
                    foreach (var s in streams)
                    {
                        inside[s]--;
                    }
                }
            }
        }))).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, most);
        Assert.Equal(0, locks.Count);
    }

    [Fact]
    public async Task A_request_that_gives_up_waiting_leaves_no_queue_behind()
    {
        var locks = new StreamLocks();
        var held = await locks.AcquireAsync(["a"], CancellationToken.None);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => locks.AcquireAsync(["b", "a"], cancel.Token));
        held.Dispose();

        Assert.Equal(0, locks.Count);
        using (await locks.AcquireAsync(["a", "b"], CancellationToken.None))
        {
            Assert.Equal(2, locks.Count);
        }
    }

    private static EventEnvelope Envelope(long version) =>
        new(Guid.NewGuid(), "Tested.v1", version, 0, DateTimeOffset.UnixEpoch, "key:test", new object());

    private static Ledger.EventStore.AppendResult Result(string streamId, long version) =>
        new([new Ledger.EventStore.StreamVersion(streamId, version)], version);
}
