using System.Text.Json;
using Ledger.Audit;
using Ledger.EventStore;

namespace Ledger.Tests.Audit;

/// <summary>A realistic little ledger for the audit tests: households, an item and a community, appended interleaved,
/// some appends spanning two streams, Chinese text in data and metadata.</summary>
internal static class AuditLedgerSeed
{
    /// <summary>The stream the tamper tests alter: 8 events, interleaved with every other stream's.</summary>
    public const string Target = "household-HB002";

    public static readonly string[] Streams = ["household-HB001", Target, "household-HB003", "item-茶具", "community-C1"];

    /// <summary>Appends 8 rounds; returns how many events were appended.</summary>
    public static async Task<int> SeedAsync(ILedgerStore store)
    {
        var count = 0;
        for (var round = 1; round <= 8; round++)
        {
            foreach (var stream in Streams)
            {
                if (stream == "community-C1" && round % 2 == 0)
                {
                    continue;
                }

                var events = stream == "household-HB001" && round % 3 == 0
                    ? new[] { Event(stream, round, "积分奖励"), Event(stream, round, "扣减") }
                    : [Event(stream, round, "兑换")];
                await store.AppendAsync(stream, ExpectedVersion.Any, events);
                count += events.Length;
            }

            // A redemption moves points and stock together: one append over two streams.
            await store.AppendAsync(
                [
                    new StreamAppend("household-HB003", ExpectedVersion.Any, [Event("household-HB003", round, "兑换 茶具")]),
                    new StreamAppend("item-茶具", ExpectedVersion.Any, [Event("item-茶具", round, "出库")]),
                ]);
            count += 2;
        }

        return count;
    }

    public static async Task<AuditReport> AuditAsync(ILedgerStore store) =>
        await new AuditReplay(store, [new HashChainCheck(store)]).RunAsync();

    public static async Task<List<RecordedEvent>> ReadStreamAsync(ILedgerStore store, string streamId, long fromVersion = 1)
    {
        var events = new List<RecordedEvent>();
        await foreach (var e in store.ReadStreamAsync(streamId, fromVersion))
        {
            events.Add(e);
        }

        return events;
    }

    /// <summary>A SQL string literal.</summary>
    public static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static NewEvent Event(string stream, int round, string what) =>
        new(
            Guid.CreateVersion7(),
            stream.StartsWith("item", StringComparison.Ordinal) ? "StockMoved.v1" : "PointsAwarded.v1",
            JsonSerializer.Serialize(new { round, what, points = round * 10 }, LedgerJson.Options),
            new EventMetadata("key:柜台", CorrelationId: $"corr-{stream}-{round}"));
}
