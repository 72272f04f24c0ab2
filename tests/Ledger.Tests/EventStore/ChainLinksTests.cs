using Ledger.EventStore;

namespace Ledger.Tests.EventStore;

/// <summary>Checking links eight at a time must say exactly what <see cref="EventHasher.Follows"/> says of each.</summary>
public sealed class ChainLinksTests
{
    private static readonly DateTimeOffset At = new DateTimeOffset(2025, 3, 14, 6, 7, 8, TimeSpan.Zero).AddTicks(1_234_567);

    [Fact]
    public void Each_link_is_judged_as_Follows_judges_it_in_full_and_partial_batches()
    {
        var random = new Random(3);
        var links = new ChainLinks();
        var judged = new List<bool>();
        for (var round = 0; round < 20; round++)
        {
            var count = round % 2 == 0 ? ChainLinks.Capacity : 1 + round % ChainLinks.Capacity;
            var cases = Enumerable.Range(0, count).Select(_ => Link(random)).ToArray();
            foreach (var (previous, e) in cases)
            {
                links.Add(previous, e);
            }

            var follows = new bool[ChainLinks.Capacity];
            links.Check(follows);

            Assert.Equal(cases.Select(c => EventHasher.Follows(c.Previous, c.Event)), follows.Take(count));
            Assert.Equal(0, links.Count);
            judged.AddRange(follows.Take(count));
        }

        Assert.Contains(true, judged);
        Assert.Contains(false, judged);
    }

    [Fact]
    public void Events_at_and_beyond_a_lanes_room_are_judged_beside_the_others()
    {
        var small = Event(EventHasher.GenesisHash, "{}");
        var links = new ChainLinks();
        links.Add(EventHasher.GenesisHash, small);
        foreach (var length in new[] { 1_700, 1_900, 20_000 })
        {
            // Around the lane's 2,048 bytes less padding, and far beyond it.
            var e = Event(EventHasher.GenesisHash, new string('a', length));
            links.Add(EventHasher.GenesisHash, e);
            links.Add(EventHasher.GenesisHash, e with { Data = e.Data[1..] + "b" });
        }

        var follows = new bool[ChainLinks.Capacity];
        links.Check(follows);

        Assert.Equal([true, true, false, true, false, true, false], follows.Take(7));
    }

    [Fact]
    public void A_previous_hash_that_is_not_hex_does_not_follow_and_does_not_throw()
    {
        var links = new ChainLinks();
        links.Add("not-a-hash", Event("not-a-hash", "{}", validPrevious: false));
        links.Add(EventHasher.GenesisHash, Event(EventHasher.GenesisHash, "{}"));

        var follows = new bool[ChainLinks.Capacity];
        links.Check(follows);

        Assert.Equal([false, true], follows.Take(2));
    }

    private static (string Previous, RecordedEvent Event) Link(Random random)
    {
        var previous = Convert.ToHexStringLower(random.GetItems<byte>(Enumerable.Range(0, 256).Select(b => (byte)b).ToArray(), 32));
        var e = Event(previous, "{\"note\":\"" + new string('分', random.Next(0, 500)) + "\"}");
        return random.Next(3) switch
        {
            0 => (previous, e with { StreamVersion = e.StreamVersion + 1 }),
            1 => (EventHasher.GenesisHash, e),
            _ => (previous, e),
        };
    }

    private static RecordedEvent Event(string previous, string data, bool validPrevious = true)
    {
        var id = Guid.NewGuid();
        var hash = validPrevious ? EventHasher.Compute(previous, id, "T.v1", "household-张三", 7, data, "{}", At) : new string('a', 64);
        return new RecordedEvent(id, "household-张三", 7, 42, "T.v1", data, "{}", EventHasher.Truncate(At), hash);
    }
}
