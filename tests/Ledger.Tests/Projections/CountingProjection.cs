using System.Text.Json;
using Ledger.EventStore;
using Ledger.EventStore.Projections;

namespace Ledger.Tests.Projections;

/// <summary>
/// The sample read model: per stream, how many events and the last position; per event type, how many and the
/// sum of their <c>amount</c>. Folds a batch in memory and writes one upsert per table, as real projections should.
/// </summary>
/// <param name="name">The projection's name, also the prefix of its tables, so one store can hold it inline and async.</param>
public sealed class CountingProjection(string name) : IProjection
{
    /// <summary>The type this projection ignores, as real projections ignore events that are not theirs.</summary>
    public const string Ignored = "IgnoredTested.v1";

    /// <summary>Thrown on the first event of a batch it matches, after the batch's stream rows were written.</summary>
    public Func<RecordedEvent, bool>? FailOn { get; set; }

    /// <summary>When set, each apply waits here first: a test holds a rebuild open with it.</summary>
    public Func<Task>? BeforeApply { get; set; }

    public string Name => name;

    public string StreamsTable => $"{name}_streams";

    public string TypesTable => $"{name}_types";

    public IReadOnlyList<ReadModelTable> Tables =>
    [
        new(StreamsTable, [ReadModelColumn.Text("stream_id"), ReadModelColumn.BigInt("events"), ReadModelColumn.BigInt("last_position")], ["stream_id"]),
        new(TypesTable, [ReadModelColumn.Text("type"), ReadModelColumn.BigInt("events"), ReadModelColumn.BigInt("total"), ReadModelColumn.Text("note", nullable: true)],
            ["type"], Indexes: [["total"]]),
    ];

    public async Task ApplyAsync(IReadModelTransaction transaction, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        if (BeforeApply is { } before)
        {
            await before();
        }

        var streams = new Dictionary<string, (long Events, long Last)>(StringComparer.Ordinal);
        var types = new Dictionary<string, (long Events, long Total)>(StringComparer.Ordinal);
        foreach (var e in events.Where(e => e.Type != Ignored))
        {
            var s = streams.GetValueOrDefault(e.StreamId);
            streams[e.StreamId] = (s.Events + 1, e.Position);
            var t = types.GetValueOrDefault(e.Type);
            types[e.Type] = (t.Events + 1, t.Total + Amount(e));
        }

        await transaction.UpsertAsync(
            new Upsert(StreamsTable, ["stream_id"], Add: ["events"], Set: ["last_position"]),
            [.. streams.Select(s => new object?[] { s.Key, s.Value.Events, s.Value.Last })],
            cancellationToken);
        if (FailOn is { } fail && events.FirstOrDefault(fail) is { } poison)
        {
            throw new InvalidOperationException($"{name} refuses event at position {poison.Position}");
        }

        await transaction.UpsertAsync(
            new Upsert(TypesTable, ["type"], Add: ["events", "total"]),
            [.. types.Select(t => new object?[] { t.Key, t.Value.Events, t.Value.Total })],
            cancellationToken);
    }

    private static long Amount(RecordedEvent e)
    {
        using var data = JsonDocument.Parse(e.Data);
        return data.RootElement.TryGetProperty("amount", out var amount) ? amount.GetInt64() : 0;
    }
}
