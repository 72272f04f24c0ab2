using Ledger.EventStore;

namespace Ledger.Benchmarks;

/// <summary>
/// A ledger made in memory, hash chains and all, as an export of it would read: awards spread round-robin over the
/// households, one microsecond apart. Seeding the audit benchmark through import takes seconds where appending a
/// million events takes minutes, and the import still recomputes and checks every hash.
/// </summary>
public static class SyntheticLedger
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static async IAsyncEnumerable<RecordedEvent> EventsAsync(long count, int households)
    {
        var heads = new (long Version, string Hash)[households + 1];
        Array.Fill(heads, (0L, EventHasher.GenesisHash));
        for (long position = 1; position <= count; position++)
        {
            var household = (int)((position - 1) % households) + 1;
            var award = Workload.Award(household);
            var (stream, version, at) = (Workload.StreamOf(household), heads[household].Version + 1, Start.AddTicks(position * 10));
            var metadata = award.Metadata.ToJson();
            var hash = EventHasher.Compute(heads[household].Hash, award.EventId, award.Type, stream, version, award.Data, metadata, at);
            heads[household] = (version, hash);
            yield return new RecordedEvent(award.EventId, stream, version, position, award.Type, award.Data, metadata, at, hash);
        }

        await Task.CompletedTask;
    }
}
