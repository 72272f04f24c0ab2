using Ledger.EventStore;

namespace Redemption.Catalog;

/// <summary>
/// The closed set of events on <c>catalog-{cid}/{sku}</c>, all in this file: what an item's decisions return.
/// A marker only, so the stored JSON of each event is exactly its own record's.
/// </summary>
public interface ICatalogItemEvent;

/// <summary>What a catalogue item is: goods (实物) kept in stock, or a service (服务) redeemed for a voucher.</summary>
public enum CatalogItemKind
{
    /// <summary>Goods: stock is received, redeemed and returned.</summary>
    Goods,

    /// <summary>A service: optional open capacity; each unit redeemed issues a voucher.</summary>
    Service,
}

/// <summary>
/// An item was listed in a community's catalogue, or revised: a revision is the next <paramref name="Version"/> of the
/// same sku, and every redemption pins the version (and price) it sold at. Listing a withdrawn item puts it back on sale.
/// </summary>
/// <param name="CommunityId">The community whose supermarket sells it.</param>
/// <param name="Sku">The item's id, stable across versions.</param>
/// <param name="Version">1 for the first listing, then one more per revision.</param>
/// <param name="Name">What the counter shows, e.g. 花生油 5L.</param>
/// <param name="Kind">Goods or service; fixed at the first listing.</param>
/// <param name="Points">The price of one unit in points.</param>
/// <param name="Capacity">Services only: how many units may be taken in all (net of returns); null is unlimited.</param>
/// <param name="ProviderId">Services only: the registered partner who provides it and is settled with; absent when the community serves it.</param>
/// <param name="SettlementFen">With a provider: what the community pays it per unit served, in fen (分); absent without one.</param>
[EventType("CatalogItemListed.v2")]
[UpcastsFrom("CatalogItemListed.v1")]
public sealed record CatalogItemListed(
    string CommunityId, string Sku, int Version, string Name, CatalogItemKind Kind, long Points, long? Capacity,
    string? ProviderId = null, long? SettlementFen = null) : ICatalogItemEvent;

/// <summary>Goods were received into stock (a listing's initial stock is a receipt too).</summary>
/// <param name="CommunityId">The community.</param>
/// <param name="Sku">The goods.</param>
/// <param name="Quantity">Units received (positive).</param>
/// <param name="Note">Optional remark, e.g. the delivery note.</param>
/// <param name="SponsorshipId">
/// The goods sponsorship (<c>sponsorship-{cid}/{id}</c>) these units were donated under, appended in the same
/// transaction; null when the community received them. Added in v2; a v1 event is read with null here.
/// </param>
/// <param name="DonorId">The partner who donated them, with <paramref name="SponsorshipId"/>.</param>
[EventType("StockReceived.v2")]
[UpcastsFrom("StockReceived.v1")]
public sealed record StockReceived(string CommunityId, string Sku, long Quantity, string? Note, string? SponsorshipId = null, string? DonorId = null)
    : ICatalogItemEvent;

/// <summary>The item was taken off sale; it can no longer be redeemed (earlier receipts stand).</summary>
/// <param name="CommunityId">The community.</param>
/// <param name="Sku">The item.</param>
/// <param name="Version">The version that was on sale.</param>
/// <param name="Reason">Why (required).</param>
[EventType("CatalogItemWithdrawn.v1")]
public sealed record CatalogItemWithdrawn(string CommunityId, string Sku, int Version, string Reason) : ICatalogItemEvent;

/// <summary>
/// Units left with a redemption: stock out for goods, capacity taken for a service. Appended in the same transaction
/// as the redemption's receipt and the household's <c>PointsRedeemed.v1</c>.
/// </summary>
/// <param name="CommunityId">The community.</param>
/// <param name="Sku">The item.</param>
/// <param name="RedemptionId">The redemption that took them.</param>
/// <param name="ItemVersion">The version sold.</param>
/// <param name="Kind">The item's kind, so a reader can tell stock from capacity without folding the stream.</param>
/// <param name="Quantity">Units (positive).</param>
[EventType("CatalogItemRedeemed.v1")]
public sealed record CatalogItemRedeemed(
    string CommunityId, string Sku, string RedemptionId, int ItemVersion, CatalogItemKind Kind, long Quantity) : ICatalogItemEvent;

/// <summary>Units came back because their redemption was cancelled: stock back on hand, or capacity reopened.</summary>
/// <param name="CommunityId">The community.</param>
/// <param name="Sku">The item.</param>
/// <param name="RedemptionId">The cancelled redemption.</param>
/// <param name="Kind">The item's kind.</param>
/// <param name="Quantity">Units (positive).</param>
[EventType("CatalogItemReturned.v1")]
public sealed record CatalogItemReturned(string CommunityId, string Sku, string RedemptionId, CatalogItemKind Kind, long Quantity) : ICatalogItemEvent;
