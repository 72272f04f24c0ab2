using System.Runtime.CompilerServices;
using System.Text.Json;
using Ledger.Audit;
using Ledger.Common;
using Ledger.EventStore;
using Redemption.Catalog;
using Redemption.Common;
using Redemption.Redemptions;
using static Redemption.Common.ReadModelSql;

namespace Redemption.Audit;

/// <summary>
/// Invariant 3: per catalogue item, stock received - goods redeemed + goods returned = stock on hand. Three independent
/// records meet here: the item's own stream (receipts of stock, units out, units back), the counter's receipts on the
/// redemption streams (what was sold and what a cancellation gave back), and the <c>catalog_items</c> read model the
/// counter sells from. The check reports an item whose units out or back differ from its receipts, whose on hand in the
/// read model differs from the identity over its stream, or whose goods went below zero on the way.
/// </summary>
public sealed class StockConservationCheck(ILedgerStore store) : IAuditCheck
{
    private readonly Dictionary<string, Item> _items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Item, long Quantity)[]> _receiptLines = new(StringComparer.Ordinal);
    private long _lastObserved;

    /// <inheritdoc />
    public void Observe(RecordedEvent recorded)
    {
        _lastObserved = recorded.Position;
        try
        {
            Fold(recorded);
        }
        catch (JsonException)
        {
            // Only a change behind the store's back makes an event unreadable; the hash chain names it.
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<AuditProblem> FinishAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var live = await ReadModelSnapshot.TakeAsync(store, () => _lastObserved, Observe, ReadLiveAsync, cancellationToken);
        foreach (var (stream, item) in _items.OrderBy(i => i.Key, StringComparer.Ordinal))
        {
            var name = stream[CatalogPrefix.Length..];
            if (item.FirstOversold is { } oversold)
            {
                yield return Problem(stream, oversold, $"Goods '{name}' went below zero on hand: more units left than were received and returned.");
            }

            if ((item.Redeemed, item.Returned) != (item.SoldOnReceipts, item.ReturnedOnReceipts))
            {
                yield return Problem(stream, null,
                    $"Item '{name}': {item.Redeemed} units out and {item.Returned} back on its stream, but the receipts say "
                    + $"{item.SoldOnReceipts} sold and {item.ReturnedOnReceipts} returned.");
            }

            var counts = live.GetValueOrDefault(stream);
            if (item.Listed && counts != (item.Received, item.Redeemed, item.Returned))
            {
                yield return Problem(stream, null,
                    $"Item '{name}': received {item.Received} - redeemed {item.Redeemed} + returned {item.Returned} = "
                    + $"{item.Received - item.Redeemed + item.Returned}, but the catalogue shows received {counts.Received}, "
                    + $"redeemed {counts.Redeemed}, returned {counts.Returned}: {counts.Received - counts.Redeemed + counts.Returned} on hand.");
            }
        }

        foreach (var stream in live.Keys.Where(k => !_items.ContainsKey(k)).Order(StringComparer.Ordinal))
        {
            yield return Problem(stream, null, $"The catalogue lists '{stream[CatalogPrefix.Length..]}', which no event ever listed.");
        }
    }

    private static string CatalogPrefix { get; } = RedemptionStreams.CatalogItem("", "")[..^1];

    private void Fold(RecordedEvent e)
    {
        if (e.Type == EventNames.Of<RedemptionRecorded>())
        {
            var r = Read<RedemptionRecorded>(e);
            var lines = r.Lines.Select(l => (RedemptionStreams.CatalogItem(r.CommunityId, l.Sku), (long)l.Quantity)).ToArray();
            _receiptLines[e.StreamId] = lines;
            foreach (var (item, quantity) in lines)
            {
                ItemOf(item).SoldOnReceipts += quantity;
            }
        }
        else if (e.Type == EventNames.Of<RedemptionCancelled>())
        {
            foreach (var (item, quantity) in _receiptLines.GetValueOrDefault(e.StreamId) ?? [])
            {
                ItemOf(item).ReturnedOnReceipts += quantity;
            }
        }
        else if (e.StreamId.StartsWith(CatalogPrefix, StringComparison.Ordinal))
        {
            FoldItem(ItemOf(e.StreamId), e);
        }
    }

    private static void FoldItem(Item item, RecordedEvent e)
    {
        if (EventNames.Is<CatalogItemListed>(e.Type))
        {
            item.Listed = true;
            item.Goods = Read<CatalogItemListed>(e).Kind == CatalogItemKind.Goods;
        }
        else if (EventNames.Is<StockReceived>(e.Type))
        {
            item.Received += Read<StockReceived>(e).Quantity;
        }
        else if (e.Type == EventNames.Of<CatalogItemRedeemed>())
        {
            item.Redeemed += Read<CatalogItemRedeemed>(e).Quantity;
            if (item.Goods && item.Received - item.Redeemed + item.Returned < 0)
            {
                item.FirstOversold ??= e.Position;
            }
        }
        else if (e.Type == EventNames.Of<CatalogItemReturned>())
        {
            item.Returned += Read<CatalogItemReturned>(e).Quantity;
        }
    }

    private Item ItemOf(string stream) => _items.TryGetValue(stream, out var item) ? item : _items[stream] = new Item();

    private async Task<Dictionary<string, (long Received, long Redeemed, long Returned)>> ReadLiveAsync(CancellationToken cancellationToken)
    {
        // Never committed: one consistent read, rolled back on dispose.
        await using var transaction = await store.BeginReadModelTransactionAsync(cancellationToken);
        await using var command = Command(transaction,
            $"SELECT community_id, sku, received, redeemed, returned FROM {CatalogProjection.Table}");
        var live = new Dictionary<string, (long, long, long)>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            live[RedemptionStreams.CatalogItem(reader.GetString(0), reader.GetString(1))] =
                (Convert.ToInt64(reader.GetValue(2)), Convert.ToInt64(reader.GetValue(3)), Convert.ToInt64(reader.GetValue(4)));
        }

        return live;
    }

    private static AuditProblem Problem(string stream, long? position, string detail) =>
        new(stream, position, AuditProblemKinds.StockNotConserved, detail);

    private sealed class Item
    {
        public bool Listed { get; set; }
        public bool Goods { get; set; }
        public long Received { get; set; }
        public long Redeemed { get; set; }
        public long Returned { get; set; }
        public long SoldOnReceipts { get; set; }
        public long ReturnedOnReceipts { get; set; }
        public long? FirstOversold { get; set; }
    }
}
