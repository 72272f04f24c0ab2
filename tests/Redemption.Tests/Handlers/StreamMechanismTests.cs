using Ledger.Common;

namespace Ledger.Redemption.Tests.Handlers;

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
}
