using Ledger.EventStore;

namespace Ledger.Tests.Audit;

/// <summary>The replay's allocation-free check must say exactly what recomputing and comparing the hash says.</summary>
public sealed class EventHasherFollowsTests
{
    [Theory]
    [InlineData(0L, 0)]
    [InlineData(9_999_999L, 8)]
    [InlineData(1_234_567L, -5)]
    [InlineData(10L, 0)]
    public void Follows_agrees_with_Compute_for_any_time_and_offset(long ticks, int offsetHours)
    {
        var at = new DateTimeOffset(2025, 12, 31, 23, 59, 59, TimeSpan.FromHours(offsetHours)).AddTicks(ticks);
        var previous = EventHasher.GenesisHash;
        var (id, data, metadata) = (Guid.NewGuid(), """{"note":"张三 ok"}""", """{"principal":"key:x"}""");
        var hash = EventHasher.Compute(previous, id, "T.v1", "household-张三", 3, data, metadata, at);
        var recorded = new RecordedEvent(id, "household-张三", 3, 9, "T.v1", data, metadata, EventHasher.Truncate(at), hash);

        Assert.True(EventHasher.Follows(previous, recorded));
        Assert.True(EventHasher.Follows(previous, recorded with { RecordedAt = at }));
        Assert.False(EventHasher.Follows(previous, recorded with { RecordedAt = at.AddTicks(10) }));
        Assert.False(EventHasher.Follows(previous, recorded with { Data = """{"note":"张三 ok "}""" }));
        Assert.False(EventHasher.Follows(hash, recorded));
    }
}
