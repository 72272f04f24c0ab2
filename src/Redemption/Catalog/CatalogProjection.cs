using Ledger.Common;
using Ledger.EventStore;
using Ledger.EventStore.Projections;
using Redemption.Common;
using static Redemption.Common.ReadModelSql;

namespace Redemption.Catalog;

/// <summary>
/// <c>catalog_items</c>: every item of every community with its current version and unit counts, so the catalogue can be
/// listed without knowing its skus (the store cannot list streams) and without folding every item's sales.
/// </summary>
public sealed class CatalogProjection : RedemptionProjection
{
    /// <summary>The read model's table.</summary>
    public const string Table = "catalog_items";

    /// <inheritdoc />
    public override string Name => "catalog";

    /// <inheritdoc />
    public override IReadOnlyList<ReadModelTable> Tables { get; } =
    [
        new(Table,
            [
                ReadModelColumn.Text("community_id"), ReadModelColumn.Text("sku"), ReadModelColumn.Text("name"), ReadModelColumn.Text("kind"),
                ReadModelColumn.BigInt("points"), ReadModelColumn.BigInt("version"), ReadModelColumn.BigInt("capacity", nullable: true),
                ReadModelColumn.BigInt("withdrawn"), ReadModelColumn.BigInt("received"), ReadModelColumn.BigInt("redeemed"),
                ReadModelColumn.BigInt("returned"),
            ],
            ["community_id", "sku"]),
    ];

    private static string Listed(string table) => $"""
        INSERT INTO {table} (community_id, sku, name, kind, points, version, capacity, withdrawn, received, redeemed, returned)
        VALUES (@community, @sku, @name, @kind, @points, @version, @capacity, 0, 0, 0, 0)
        ON CONFLICT (community_id, sku) DO UPDATE SET
            name = excluded.name, kind = excluded.kind, points = excluded.points, version = excluded.version,
            capacity = excluded.capacity, withdrawn = 0
        """;

    /// <inheritdoc />
    protected override Task ApplyAsync(IReadModelTransaction transaction, RecordedEvent e, CancellationToken cancellationToken)
    {
        if (EventNames.Is<CatalogItemListed>(e.Type))
        {
            var l = Read<CatalogItemListed>(e);
            return ExecuteAsync(transaction, Listed(transaction.Table(Table)), cancellationToken,
                Text("@community", l.CommunityId), Text("@sku", l.Sku), Text("@name", l.Name), Text("@kind", CatalogDecider.Slug(l.Kind)),
                Int("@points", l.Points), Int("@version", l.Version), Int("@capacity", l.Capacity));
        }

        if (EventNames.Is<StockReceived>(e.Type))
        {
            var r = Read<StockReceived>(e);
            return Add(transaction, "received", r.CommunityId, r.Sku, r.Quantity, cancellationToken);
        }

        if (e.Type == EventNames.Of<CatalogItemRedeemed>())
        {
            var r = Read<CatalogItemRedeemed>(e);
            return Add(transaction, "redeemed", r.CommunityId, r.Sku, r.Quantity, cancellationToken);
        }

        if (e.Type == EventNames.Of<CatalogItemReturned>())
        {
            var r = Read<CatalogItemReturned>(e);
            return Add(transaction, "returned", r.CommunityId, r.Sku, r.Quantity, cancellationToken);
        }

        if (e.Type == EventNames.Of<CatalogItemWithdrawn>())
        {
            var w = Read<CatalogItemWithdrawn>(e);
            return ExecuteAsync(transaction, $"UPDATE {transaction.Table(Table)} SET withdrawn = 1 WHERE community_id = @community AND sku = @sku",
                cancellationToken, Text("@community", w.CommunityId), Text("@sku", w.Sku));
        }

        return Task.CompletedTask;
    }

    /// <summary>The catalogue of <paramref name="communityId"/>, or one item of it, ordered by sku.</summary>
    public static async Task<IReadOnlyList<CatalogItemResponse>> QueryAsync(
        IReadModelStore store, string communityId, string? sku, CancellationToken cancellationToken)
    {
        // A read-model transaction never committed: one consistent read, rolled back on dispose.
        await using var transaction = await store.BeginReadModelQueryAsync(cancellationToken);
        await using var command = Command(transaction,
            // The provider of the version on sale, from the partners' read model (a service without one has no row there).
            "SELECT c.sku, c.name, c.kind, c.points, c.version, c.capacity, c.withdrawn, c.received, c.redeemed, c.returned, " +
            $"p.provider_id, p.settlement_fen FROM {Table} c LEFT JOIN {Partners.PartnerVoucherProjection.ServicesTable} p " +
            "ON p.community_id = c.community_id AND p.sku = c.sku AND p.version = c.version " +
            "WHERE c.community_id = @community" + (sku is null ? "" : " AND c.sku = @sku"),
            sku is null ? [Text("@community", communityId)] : [Text("@community", communityId), Text("@sku", sku)]);
        var items = new List<CatalogItemResponse>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var state = new CatalogItemState
            {
                Exists = true, CommunityId = communityId, Sku = reader.GetString(0), Name = reader.GetString(1),
                Kind = reader.GetString(2) == "goods" ? CatalogItemKind.Goods : CatalogItemKind.Service,
                Points = Long(reader, 3), ItemVersion = (int)Long(reader, 4), Capacity = NullableLong(reader, 5),
                Withdrawn = Long(reader, 6) != 0, Received = Long(reader, 7), Redeemed = Long(reader, 8), Returned = Long(reader, 9),
                Provision = NullableString(reader, 10) is { } provider ? new ServiceProvision(provider, Long(reader, 11)) : null,
            };
            items.Add(CatalogItemResponse.From(state));
        }

        // Ordered here, not in SQL: SQLite's and PostgreSQL's default collations order mixed-case skus differently.
        return [.. items.OrderBy(i => i.Sku, StringComparer.Ordinal)];
    }

    private static Task Add(
        IReadModelTransaction transaction, string column, string communityId, string sku, long quantity, CancellationToken cancellationToken) =>
        ExecuteAsync(transaction, $"UPDATE {transaction.Table(Table)} SET {column} = {column} + @quantity WHERE community_id = @community AND sku = @sku",
            cancellationToken, Int("@quantity", quantity), Text("@community", communityId), Text("@sku", sku));
}
